package dev.praxis.examples.docs;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.Arithmetic;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/concepts.md, compiled and exercised. */
class ConceptsSnippets {

    @Test
    void listenerSeesEveryToolCall() {
        List<String> log = new ArrayList<>();
        // tag::listener[]
        AgentListener audit = event -> {
            if (event instanceof AgentEvent.ToolFinished done) {
                log.add(done.call().name() + " -> " + done.result().text());
            }
        };
        var agent = LlmAgent.builder()
                .llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .tools(new Arithmetic())
                .listener(audit)
                .build();
        // end::listener[]
        agent.run("2+3?");

        assertThat(log).containsExactly("add -> 5");
    }

    @Test
    void budgetStopsARunWithAReason() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"), toolCall("add", "{\"a\":2,\"b\":2}"));
        var agent = LlmAgent.builder().llm(llm).tools(new Arithmetic()).build();
        // tag::budget[]
        Budget tight = Budget.DEFAULT.withMaxSteps(2).withMaxTime(Duration.ofSeconds(30));
        AgentResult result = agent.run(AgentRequest.of("keep adding").withBudget(tight));
        if (result.status() == Status.BUDGET_EXHAUSTED) {
            System.out.println(result.reason());      // "step budget: this is step 2 of 2; ..."
        }
        // end::budget[]

        assertThat(result.reason()).startsWith("step budget: this is step 2 of 2; asked to answer without tools");
    }
}
