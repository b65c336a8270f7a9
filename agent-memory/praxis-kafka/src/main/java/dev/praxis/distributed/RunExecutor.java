package dev.praxis.distributed;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles one record of the requests topic on a worker thread: reads the command, starts or
 * resumes the run from the shared checkpoint store (whatever state another worker left it in),
 * publishes the outcome, and dead-letters what cannot be handled. Never throws: every record
 * ends as an outcome, a dead letter, or a run released to another worker.
 */
final class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    /** What became of a record. */
    enum Handled {
        /** Published (outcome or dead letter): the record's offset may be committed. */
        DONE,
        /** The run's partition moved: another worker continues it, nothing was published here. */
        RELEASED
    }

    /** Tries cut short by conflicts or store failures before a run is given up anyway. */
    private static final int MAX_TRANSIENT = 20;

    private final Map<String, LlmAgent> agents;
    private final Fence fence;
    private final Publisher publisher;
    private final int maxAttempts;
    private final int maxPickups;
    private final PayloadKeys keys;

    RunExecutor(Map<String, LlmAgent> agents, Fence fence, Publisher publisher, int maxAttempts, int maxPickups) {
        this(agents, fence, publisher, maxAttempts, maxPickups, PayloadKeys.NONE);
    }

    RunExecutor(Map<String, LlmAgent> agents, Fence fence, Publisher publisher, int maxAttempts, int maxPickups,
                PayloadKeys keys) {
        this.keys = keys;
        this.agents = Map.copyOf(agents);
        this.fence = fence;
        this.publisher = publisher;
        this.maxAttempts = maxAttempts;
        this.maxPickups = maxPickups;
    }

    Handled handle(ConsumerRecord<String, byte[]> record) {
        Command command;
        try {
            command = Wire.command(record.value(), keys);
        } catch (MalformedRecordException e) {
            log.warn("dead-lettering malformed record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            deadLetter(record, "", "malformed record: " + e.getMessage(), 1);
            return Handled.DONE;
        }
        Optional<RunState> state = fence.load(command.runId());
        Optional<String> refusal = refusal(command, state);
        if (refusal.isPresent()) {
            log.warn("dead-lettering the request for run {}: {}", command.runId(), refusal.get());
            deadLetter(record, command.runId(), refusal.get(), 1);
            publisher.outcome(rejected(command, state, refusal.get()));
            return Handled.DONE;
        }
        int pickups = state.map(Pickups::count).orElse(0) + 1;
        if (state.isPresent() && state.get().phase() == RunState.Phase.RUNNING) {
            if (pickups > maxPickups) {
                return giveUp(record, command, "picked up " + (pickups - 1) + " times without finishing: every worker"
                        + " that held it died or lost it (does the run crash its JVM?)", pickups - 1);
            }
            try {
                fence.save(Pickups.with(state.get(), pickups, state.get().version() + 1));
            } catch (CheckpointException e) {
                log.debug("run {} moved on while being picked up; the attempt will resume from there", command.runId());
            }
        }
        return attempts(record, command, agents.get(agentOf(command, state)), pickups);
    }

    private Handled attempts(ConsumerRecord<String, byte[]> record, Command command, LlmAgent agent, int pickups) {
        String failure = "";
        int crashes = 0;
        for (int tries = 1; crashes < maxAttempts && tries <= MAX_TRANSIENT; tries++) {
            Fence.Lease lease = fence.acquire(command.runId(), pickups);
            if (lease.released() || Thread.currentThread().isInterrupted()) {
                fence.close(lease);
                return Handled.RELEASED;
            }
            try {
                AgentResult result = drive(agent, command);
                if (lease.released()) {
                    return Handled.RELEASED;
                }
                if (!lease.lost()) {
                    publish(agent, command, result);
                    return Handled.DONE;
                }
                failure = lease.reason(); // a conflict or a store failure: not the run's fault, try again
            } catch (RuntimeException | Error e) {
                if (lease.released()) {
                    return Handled.RELEASED;
                }
                crashes++;
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                log.warn("attempt {} of run {} failed", crashes, command.runId(), e);
            } finally {
                fence.close(lease);
            }
            pause(tries);
        }
        return giveUp(record, command, "run failed " + crashes + " attempt(s); last: " + failure, crashes);
    }

    /** Dead-letters the record, ends the run in the store so nobody resumes it, and says so on the results topic. */
    private Handled giveUp(ConsumerRecord<String, byte[]> record, Command command, String reason, int attempts) {
        log.warn("dead-lettering run {}: {}", command.runId(), reason);
        deadLetter(record, command.runId(), reason, attempts);
        endInStore(command.runId(), reason);
        publisher.outcome(rejected(command, fence.load(command.runId()), "dead-lettered: " + reason));
        return Handled.DONE;
    }

    /**
     * Runs the command: a fresh start, or a resume from whatever the store holds (a run another
     * worker began, a decision applied before a worker died, a run that has already ended).
     */
    private AgentResult drive(LlmAgent agent, Command command) {
        Optional<RunState> state = fence.load(command.runId());
        if (command instanceof Command.Start start) {
            return state.isPresent() ? agent.resume(start.runId())
                    : agent.run(start.request().toAgentRequest(start.runId()));
        }
        Command.Decide decide = (Command.Decide) command;
        boolean waiting = state.map(s -> s.phase() == RunState.Phase.AWAITING_APPROVAL).orElse(false);
        return waiting ? agent.resume(decide.runId(), decide.decision()) : agent.resume(decide.runId());
    }

    private void publish(LlmAgent agent, Command command, AgentResult result) {
        List<PendingApproval> pending = result.status() == Status.AWAITING_APPROVAL
                ? agent.pendingApprovals(result.runId()) : List.of();
        publisher.outcome(Events.outcome(result, agent.name(), session(command), pending, publisher.worker()));
    }

    private Optional<String> refusal(Command command, Optional<RunState> state) {
        if (command instanceof Command.Decide && state.isEmpty()) {
            return Optional.of("decision for run " + command.runId() + ", which has no checkpoint");
        }
        String agent = agentOf(command, state);
        if (!agents.containsKey(agent)) {
            return Optional.of("unknown agent '" + agent + "'; this worker serves " + agents.keySet().stream().sorted()
                    .toList());
        }
        return Optional.empty();
    }

    private static String agentOf(Command command, Optional<RunState> state) {
        if (state.isPresent()) {
            return state.get().agent();
        }
        return command instanceof Command.Start start ? start.request().agent() : "";
    }

    private static String session(Command command) {
        return command instanceof Command.Start start ? start.request().session().key()
                : ((Command.Decide) command).session();
    }

    private RunOutcome rejected(Command command, Optional<RunState> state, String reason) {
        return new RunOutcome(command.runId(), agentOf(command, state), session(command), Status.FAILED, "",
                reason, state.map(s -> s.steps().size()).orElse(0), 0, 0, List.of(), publisher.worker());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String runId, String reason, int attempts) {
        publisher.deadLetter(new DeadLetter(record.topic(), record.partition(), record.offset(),
                record.key() == null ? "" : record.key(), Wire.text(record.value()), runId, reason, attempts,
                publisher.worker()));
    }

    /** Marks a dead-lettered run as ended, so no worker resumes it again. */
    private void endInStore(String runId, String reason) {
        try {
            fence.load(runId).filter(s -> s.phase() != RunState.Phase.ENDED)
                    .ifPresent(s -> fence.save(Pickups.failed(s, reason)));
        } catch (RuntimeException e) {
            log.warn("could not mark dead-lettered run {} as ended", runId, e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
