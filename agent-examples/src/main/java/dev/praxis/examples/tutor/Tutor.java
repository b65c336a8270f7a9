package dev.praxis.examples.tutor;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.eval.CaseResult;
import dev.praxis.eval.EvalSuite;
import dev.praxis.eval.Evaluator;
import dev.praxis.eval.SuiteResult;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * A maths tutor: a learner model (what was practised, the mistakes), exercises chosen from it
 * and graded by tools with exact arithmetic, explanations that worked for learners who made
 * the same mistake recalled from experience memory (and the learner's "that helped" recorded
 * there for the next one), and an eval suite that scores the tutor's answers.
 */
public final class Tutor implements Example {

    static final List<String> DEMO = List.of(
            "Give me a task please",
            "My answer to exercise 1 is 2/5",
            "Oh I see, that helped, yes",
            "My answer to exercise 1 is 10/12",
            "What is my next question?",
            "For exercise 4 my answer is 3.2",
            "How am I doing?");

    static final MemoryScope LEARNERS = new MemoryScope("school", "shared", "tutor", "explanations");

    @Override
    public String name() {
        return "tutor";
    }

    @Override
    public String summary() {
        return "a maths tutor: learner model, exercises graded by tools, explanations from experience memory, an eval suite";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new TutorDesk(null, LEARNERS, Clock.systemUTC()));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        PrintStream out = context.out();
        try (Conversation conversation = open(context)) {
            for (String message : DEMO) {
                out.println("learner> " + message);
                AgentResult result = conversation.send(message);
                out.println("tutor> " + result.output());
            }
        }
        out.println("eval suite (tutor-suite.jsonl) over a fresh tutor:");
        try (Conversation fresh = open(context.printingTo(new PrintStream(PrintStream.nullOutputStream())))) {
            SuiteResult result = Evaluator.builder(fresh.agent()).label(name()).concurrency(1).build().run(suite());
            for (CaseResult c : result.cases()) {
                out.println("  " + (c.passed() ? "pass" : "FAIL") + "  " + c.caseId()
                        + c.firstFailure().map(f -> " - " + f.detail()).orElse(""));
            }
            out.printf("  %d cases, %.0f%% passed%n", result.metrics().cases(), result.metrics().passRate() * 100);
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        var explanations = new EmbeddingExperienceStore(new InMemoryVectorStore(), MiniLm.model(), ContentCipher.NONE);
        TutorDesk.seed(explanations, LEARNERS, context.clock());
        LlmAgent agent = LlmAgent.builder()
                .name(name())
                .llm(context.model(() -> OfflineLlm.builder().clock(context.clock()).build()))
                .tools(new TutorDesk(explanations, LEARNERS, context.clock()))
                .systemPrompt("You are a patient maths tutor. Give exercises with next_exercise, grade every answer"
                        + " with check_answer (never grade in your head), pass on the explanation it returns, and record"
                        + " with explanation_helped whether it helped.")
                .listener(new Transcript(context.out()))
                .listener(context.listener())
                .build();
        return new Conversation(agent, MemoryScope.of("learner", "maths"), () -> { });
    }

    /** The eval suite shipped with the example. */
    static EvalSuite suite() throws IOException {
        try (InputStream in = Tutor.class.getResourceAsStream("tutor-suite.jsonl")) {
            return EvalSuite.parse("tutor-suite", new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }
}
