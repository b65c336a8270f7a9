package dev.praxis.examples.chain;

import dev.praxis.agent.AgentListener;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.FaqDocuments;
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.StoredKnowledge;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmClient;
import dev.praxis.team.Blackboard;
import dev.praxis.team.Loop;
import dev.praxis.team.Member;
import dev.praxis.team.Sequence;
import dev.praxis.team.Team;
import dev.praxis.team.TeamResult;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service chain: a researcher gathers findings onto a shared blackboard, a writer drafts a
 * briefing from them, a reviewer checks it against a checklist and sends it back (at most
 * three rounds) until it is approved.
 */
public final class ServiceChain implements Example {

    static final String TASK = "Research the Aurora e-bike and write a short briefing for the sales team";
    static final List<String> CHECKLIST = List.of("price", "battery", "warranty");
    private static final int MAX_ROUNDS = 3;

    @Override
    public String name() {
        return "service-chain";
    }

    @Override
    public String summary() {
        return "researcher -> writer -> reviewer sharing a blackboard; the reviewer sends work back (max 3 rounds)";
    }

    @Override
    public List<Tool> tools() {
        Blackboard board = new Blackboard();
        return Tools.fromAll(new BriefingTools.Research(Knowledge.NONE, board), new BriefingTools.Writing(board),
                new BriefingTools.Reviewing(board, CHECKLIST, 120));
    }

    @Override
    public void run(ExampleContext context) {
        Blackboard board = new Blackboard(context.clock());
        LlmClient llm = context.model(OfflineLlm::basic);
        Team chain = team(llm, board, CHECKLIST, context);
        context.out().println("task> " + TASK);
        TeamResult result = chain.runTeam(dev.praxis.agent.AgentRequest.of(TASK));
        context.out().println("result> " + result.result().status() + " (" + result.result().reason() + ")");
        context.out().println(result.result().output());
        context.out().println("the blackboard, in order:");
        board.history().forEach(w -> context.out().println("  #" + w.sequence() + " " + w.scope() + "/" + w.name()
                + " by " + w.writer()));
        result.byMember().forEach((member, totals) -> context.out().println("  " + member + ": " + totals.runs()
                + " run(s), " + totals.steps() + " model call(s)"));
    }

    static Team team(LlmClient llm, Blackboard board, List<String> checklist, ExampleContext context) {
        AgentListener transcript = AgentListener.all(List.of(new Transcript(context.out(), true), context.listener()));
        LlmAgent researcher = LlmAgent.builder().name("researcher").llm(llm).listener(transcript)
                .systemPrompt("You research topics with the research tool; reply with what you found.")
                .tools(new BriefingTools.Research(notes(), board)).build();
        LlmAgent writer = LlmAgent.builder().name("writer").llm(llm).listener(transcript)
                .systemPrompt("You write short briefings with the draft_briefing tool, following the reviewer's feedback.")
                .tools(new BriefingTools.Writing(board)).build();
        LlmAgent reviewer = LlmAgent.builder().name("reviewer").llm(llm).listener(transcript)
                .systemPrompt("You review drafts with the review_draft tool and reply with its verdict.")
                .tools(new BriefingTools.Reviewing(board, checklist, 120)).build();
        Loop drafting = Loop.withCritic("drafting", Member.of("writer", writer), Member.of("reviewer", reviewer), MAX_ROUNDS)
                // the verdict is the one the reviewer's tool put on the board, not words in a reply
                .approvedWhen(review -> board.read(BriefingTools.REVIEW).map(BriefingTools.Review::approved).orElse(false));
        return Sequence.of("briefing", Member.of("researcher", researcher), Member.of("drafting", drafting));
    }

    static Knowledge notes() {
        return Notes.LOADED;
    }

    /** Embedding the notes takes a moment: once per process. */
    private static final class Notes {
        static final Knowledge LOADED = load();

        private static Knowledge load() {
            try (InputStream in = ServiceChain.class.getResourceAsStream("notes.md")) {
                return StoredKnowledge.inMemory(FaqDocuments.parse("notes.md",
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("notes.md is missing from the example", e);
            }
        }
    }
}
