package dev.praxis.observe;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class MaskingListenerTest {

    private static final String KEY = "sk-proj-Q7mR2xW9pL4vN8cT1bY6zK3s";
    private static final String EMAIL = "bob.jones@example.com";

    private final List<AgentEvent> raw = Collections.synchronizedList(new ArrayList<>());
    private final List<AgentEvent> masked = Collections.synchronizedList(new ArrayList<>());

    /**
     * Abandons a slow call, pauses for approval, resumes, streams: every event type carries the
     * key or the address somewhere.
     */
    private void runEveryKindOfEvent() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Toolbox slow = Toolbox.of(Tools.of("slow", "waits", JsonObjectSchema.builder().addStringProperty("key").build(),
                SideEffect.READ_ONLY, args -> {
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "late";
                })).withTimeout("slow", java.time.Duration.ofMillis(20));
        LlmAgent.builder().llm(ScriptedLlm.of(toolCall("slow", "{\"key\":\"" + KEY + "\"}"), text("gave up")))
                .toolbox(slow).listener(raw::add).listener(MaskingListener.of(masked::add)).build().run("wait");
        release.countDown();

        Tool chatty = new Tool() {
            @Override
            public ToolSpecification spec() {
                return ToolSpecification.builder().name("chatty").description("logs and reports progress")
                        .parameters(JsonObjectSchema.builder().build()).build();
            }

            @Override
            public SideEffect sideEffect() {
                return SideEffect.READ_ONLY;
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                context.caller().log(ToolCaller.Level.INFO, "using " + KEY + " for " + EMAIL);
                context.caller().progress(1, 2, "half done for " + EMAIL);
                return new ToolResult.Ok("ok");
            }
        };
        LlmAgent.builder().llm(ScriptedLlm.of(toolCall("chatty", "{}"), text("done")))
                .toolbox(Toolbox.of(chatty)).listener(raw::add)
                .listener(MaskingListener.of(masked::add).also(PiiRedactor.mask()::redact)).build()
                .run("talk");

        var llm = ScriptedLlm.of(toolCall("pay", "{\"key\":\"" + KEY + "\"}"),
                text("paid with " + KEY + ", receipt to " + EMAIL));
        Toolbox toolbox = Toolbox.of(Tools.of("pay", "pays", JsonObjectSchema.builder().addStringProperty("key").build(),
                        SideEffect.EXTERNAL, args -> "charged using " + args))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).streaming(true)
                .checkpoints(new InMemoryCheckpointStore())
                .listener(raw::add)
                .listener(MaskingListener.of(masked::add).also(PiiRedactor.mask()::redact))
                .build();

        AgentResult paused = agent.run("pay with " + KEY + " and mail " + EMAIL);
        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void theWrappedListenerSeesNoSecretAndNoPersonalData() {
        runEveryKindOfEvent();

        assertThat(raw).as("the events themselves are raw").anySatisfy(e -> assertThat(e.toString()).contains(KEY));
        assertThat(masked).hasSameSizeAs(raw);
        assertThat(masked).allSatisfy(e -> assertThat(e.toString()).doesNotContain(KEY, EMAIL));
        assertThat(masked).filteredOn(AgentEvent.RunStarted.class::isInstance).last()
                .isInstanceOfSatisfying(AgentEvent.RunStarted.class,
                        e -> assertThat(e.input()).isEqualTo("pay with [SECRET] and mail [EMAIL]"));
        assertThat(masked).filteredOn(AgentEvent.Completed.class::isInstance).last()
                .satisfies(e -> assertThat(((AgentEvent.Completed) e).result().output())
                        .isEqualTo("paid with [SECRET], receipt to [EMAIL]"));
    }

    @Test
    void everyEventTypeIsCoveredSoANewOneCannotSlipThroughUnmasked() {
        runEveryKindOfEvent();

        Set<Class<?>> seen = masked.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(Stream.of(AgentEvent.class.getPermittedSubclasses())
                .collect(Collectors.toSet()));
    }

    @Test
    void idsNamesAndNumbersPassUnchanged() {
        runEveryKindOfEvent();

        for (int i = 0; i < raw.size(); i++) {
            assertThat(masked.get(i).runId()).isEqualTo(raw.get(i).runId());
            assertThat(masked.get(i).getClass()).isEqualTo(raw.get(i).getClass());
        }
        assertThat(masked).filteredOn(AgentEvent.ToolFinished.class::isInstance).hasSize(4).last()
                .satisfies(e -> {
                    AgentEvent.ToolFinished finished = (AgentEvent.ToolFinished) e;
                    assertThat(finished.call().name()).isEqualTo("pay");
                    assertThat(finished.result().text()).isEqualTo("charged using {\"key\":\"[SECRET]\"}");
                });
    }

    @Test
    void aResultKeepsItsCitationsWithMaskedTextAndItsProvenance() {
        dev.praxis.knowledge.Passage cited = new dev.praxis.knowledge.Passage("refunds#0", "refunds",
                "Refunds go to " + EMAIL + " within 14 days.", 0.9, java.util.Map.of("topic", "billing"));
        AgentResult result = new AgentResult("r1", Status.COMPLETED, "Within 14 days. [refunds#0]", List.of(),
                dev.praxis.agent.Usage.ZERO, "final answer", List.of(cited), Set.of("tool 'fetch_page'"));

        AgentEvent event = MaskingListener.of(e -> { }).also(PiiRedactor.mask()::redact)
                .masked(new AgentEvent.Completed("r1", result));

        AgentResult seen = ((AgentEvent.Completed) event).result();
        assertThat(seen.citations()).singleElement().satisfies(p -> {
            assertThat(p.sourceId()).isEqualTo("refunds#0");
            assertThat(p.metadata()).containsEntry("topic", "billing");
            assertThat(p.text()).isEqualTo("Refunds go to [EMAIL] within 14 days.");
        });
        assertThat(seen.untrusted()).containsExactly("tool 'fetch_page'");
    }
}
