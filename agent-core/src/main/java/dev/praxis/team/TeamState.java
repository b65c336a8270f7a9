package dev.praxis.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;
import dev.praxis.agent.Step;
import dev.praxis.agent.Usage;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.internal.PassageJson;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.RunState;
import dev.praxis.state.StepRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A team run as a {@link RunState}: the team's steps, usage and budget in the ordinary fields,
 * and its progress (member runs and their journal, steps charged, the output once ended) and
 * blackboard in the {@code team} and {@code blackboard} extensions.
 */
final class TeamState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM = "team";
    private static final String BOARD = "blackboard";

    private TeamState() {
    }

    /** What a team run has reached, taken under its lock. */
    record Progress(List<MemberRun> members, List<Step> steps, List<TeamRun.MemberCall> calls, int stepsUsed,
                    Usage usage, long elapsedMillis, Set<String> untrusted) {
    }

    /** A team run read back from a checkpoint. */
    record Restored(String runId, AgentRequest request, Budget budget, List<MemberRun> members, List<Step> steps,
                    List<TeamRun.MemberCall> calls, int stepsUsed, Usage usage, long elapsedMillis, long version,
                    Set<String> untrusted) {
    }

    /** {@code run} as a state in {@code phase}; {@code output} is the team's answer once it ended. */
    static RunState of(String team, TeamRun run, RunState.Phase phase, AgentResult outcome, Optional<Blackboard> board,
                       Instant now) {
        Progress progress = run.progress();
        ObjectNode node = JSON.createObjectNode().put("stepsUsed", progress.stepsUsed()).put("output", outcome.output());
        node.set("members", memberRuns(progress.members()));
        provenance(node, outcome.citations(), progress.untrusted());
        ArrayNode calls = node.putArray("calls");
        for (TeamRun.MemberCall call : progress.calls()) {
            ObjectNode c = calls.addObject().put("key", call.key()).put("member", call.member()).put("runId", call.runId());
            call.result().ifPresent(r -> provenance(c.putObject("result").put("runId", r.runId())
                    .put("status", r.status().name()).put("output", r.output()).put("reason", r.reason())
                    .put("input", r.usage().inputTokens()).put("outputTokens", r.usage().outputTokens())
                    .put("cost", r.usage().cost().toPlainString()), r.citations(), r.untrusted()));
        }
        Map<String, JsonNode> extensions = new HashMap<>();
        extensions.put(TEAM, node);
        board.ifPresent(b -> extensions.put(BOARD, b.toJson()));
        AgentRequest request = run.request();
        Budget budget = run.budget();
        List<StepRecord> steps = progress.steps().stream().map(s -> new StepRecord(s.index(), s.response(), s.calls(),
                s.results(), tokens(s.usage()), s.duration().toMillis())).toList();
        return new RunState(run.runId, team, phase, phase == RunState.Phase.RUNNING ? "" : outcome.status().name(),
                outcome.reason(), request.input(), request.scope(), request.owner(), List.of(), List.of(), 0, steps,
                tokens(progress.usage()), progress.elapsedMillis(),
                new RunState.Limits(budget.maxSteps(), budget.maxTokens(), budget.maxTime().toMillis(), budget.maxCost(),
                        budget.maxToolCalls()),
                Optional.empty(), List.of(), List.of(), extensions, run.savedVersion, now);
    }

    /**
     * The progress in {@code state}.
     *
     * @throws CheckpointException if the state is not a team's
     */
    static Restored restore(RunState state) {
        JsonNode node = team(state);
        Budget budget = new Budget(state.limits().maxSteps(), state.limits().maxTokens(),
                Duration.ofMillis(state.limits().maxTimeMillis()), state.limits().maxCost(), state.limits().maxToolCalls());
        AgentRequest request = AgentRequest.of(state.input()).withBudget(budget).withRunId(state.runId());
        if (state.scope().isPresent()) {
            request = request.inSession(state.scope().get());
        } else if (state.owner().isPresent()) {
            request = request.onBehalfOf(state.owner().get());
        }
        List<TeamRun.MemberCall> calls = new ArrayList<>();
        for (JsonNode c : node.path("calls")) {
            JsonNode r = c.path("result");
            Optional<AgentResult> result = r.isObject()
                    ? Optional.of(new AgentResult(r.path("runId").asText(), Status.valueOf(r.path("status").asText()),
                            r.path("output").asText(), List.of(), new Usage(r.path("input").asLong(),
                            r.path("outputTokens").asLong(), cost(r)), r.path("reason").asText(),
                            PassageJson.fromJson(r.path("citations")), untrusted(r)))
                    : Optional.empty();
            calls.add(new TeamRun.MemberCall(c.path("key").asText(), c.path("member").asText(), c.path("runId").asText(),
                    result));
        }
        return new Restored(state.runId(), request, budget, memberRuns(node.path("members")), steps(state), calls,
                node.path("stepsUsed").asInt(), usage(state), state.elapsed(), state.version(), untrusted(node));
    }

    /** How an ended team run ended, as its result. */
    static TeamResult ended(RunState state) {
        JsonNode node = team(state);
        return new TeamResult(new AgentResult(state.runId(), Status.valueOf(state.outcome()),
                node.path("output").asText(), steps(state), usage(state), state.reason(),
                PassageJson.fromJson(node.path("citations")), untrusted(node)),
                memberRuns(node.path("members")));
    }

    /** The blackboard saved with the run, if the team has one. */
    static Optional<JsonNode> board(RunState state) {
        return Optional.ofNullable(state.extensions().get(BOARD));
    }

    private static JsonNode team(RunState state) {
        JsonNode node = state.extensions().get(TEAM);
        if (node == null || !node.isObject()) {
            throw new CheckpointException("run " + state.runId() + " of '" + state.agent()
                    + "' is not a team run (no team progress in its checkpoint)");
        }
        return node;
    }

    private static List<Step> steps(RunState state) {
        return state.steps().stream().map(s -> new Step(s.index(), s.response(), s.calls(), s.results(),
                new Usage(s.usage().input(), s.usage().output(), s.usage().cost()), Duration.ofMillis(s.millis())))
                .toList();
    }

    private static Usage usage(RunState state) {
        return new Usage(state.usage().input(), state.usage().output(), state.usage().cost());
    }

    private static RunState.Tokens tokens(Usage usage) {
        return new RunState.Tokens(usage.inputTokens(), usage.outputTokens(), usage.cost());
    }

    /** Writes a result's citations and untrusted sources, when it has any, into {@code node}. */
    private static ObjectNode provenance(ObjectNode node, List<Passage> citations, Set<String> untrusted) {
        if (!citations.isEmpty()) {
            node.set("citations", PassageJson.toJson(citations));
        }
        if (!untrusted.isEmpty()) {
            ArrayNode sources = node.putArray("untrusted");
            untrusted.forEach(sources::add);
        }
        return node;
    }

    private static Set<String> untrusted(JsonNode node) {
        Set<String> sources = new TreeSet<>();
        node.path("untrusted").forEach(source -> sources.add(source.asText()));
        return sources;
    }

    private static BigDecimal cost(JsonNode node) {
        return node.has("cost") ? new BigDecimal(node.path("cost").asText()) : BigDecimal.ZERO;
    }

    private static ArrayNode memberRuns(List<MemberRun> runs) {
        ArrayNode array = JSON.createArrayNode();
        for (MemberRun run : runs) {
            ObjectNode node = array.addObject().put("member", run.member()).put("status", run.status().name())
                    .put("steps", run.steps()).put("input", run.usage().inputTokens())
                    .put("output", run.usage().outputTokens()).put("cost", run.usage().cost().toPlainString());
            node.set("members", memberRuns(run.members()));
        }
        return array;
    }

    private static List<MemberRun> memberRuns(JsonNode array) {
        List<MemberRun> runs = new ArrayList<>();
        for (JsonNode node : array) {
            runs.add(new MemberRun(node.path("member").asText(), Status.valueOf(node.path("status").asText()),
                    node.path("steps").asInt(), new Usage(node.path("input").asLong(), node.path("output").asLong(),
                    cost(node)),
                    memberRuns(node.path("members"))));
        }
        return runs;
    }
}
