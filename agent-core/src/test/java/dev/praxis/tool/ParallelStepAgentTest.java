package dev.praxis.tool;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/** The loop hands one step's calls to the toolbox, which runs them at once and answers in order. */
class ParallelStepAgentTest {

    @Test
    void threeToolCallsOfOneStepRunConcurrentlyAndReturnInCallOrder() {
        CyclicBarrier allThreeInside = new CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // finish in reverse order (lima, tokyo, paris), so call order cannot come from completion order
        Map<String, CountDownLatch> after = Map.of("paris", new CountDownLatch(1), "tokyo", new CountDownLatch(1),
                "lima", new CountDownLatch(0));
        Map<String, CountDownLatch> releases = Map.of("lima", after.get("tokyo"), "tokyo", after.get("paris"),
                "paris", new CountDownLatch(1));
        List<String> finished = new CopyOnWriteArrayList<>();
        List<Tool> tools = new ArrayList<>();
        for (String city : List.of("paris", "tokyo", "lima")) {
            tools.add(Tools.of("weather_" + city, "Weather in " + city, JsonObjectSchema.builder().build(),
                    SideEffect.READ_ONLY, args -> {
                        threads.add(Thread.currentThread().toString());
                        try {
                            // a sequential toolbox would never get three calls to this barrier
                            allThreeInside.await(10, TimeUnit.SECONDS);
                            if (!after.get(city).await(10, TimeUnit.SECONDS)) {
                                throw new ToolException("the call finishing before " + city + " never did");
                            }
                        } catch (Exception e) {
                            throw new ToolException("calls did not run concurrently: " + e);
                        }
                        finished.add(city);
                        releases.get(city).countDown();
                        return "sunny in " + city;
                    }));
        }
        var llm = ScriptedLlm.of(
                toolCalls(call("weather_paris", "{}"), call("weather_tokyo", "{}"), call("weather_lima", "{}")),
                text("All sunny."));
        List<AgentEvent> events = new ArrayList<>();
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(Toolbox.of(tools)).listener(events::add).build();

        AgentResult result = agent.run("Weather in Paris, Tokyo and Lima?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results()).extracting(ToolResult::text)
                .containsExactly("sunny in paris", "sunny in tokyo", "sunny in lima");
        List<ChatMessage> secondPrompt = llm.requests().get(1).messages();
        assertThat(secondPrompt.subList(2, 5)).extracting(m -> ((ToolExecutionResultMessage) m).id())
                .containsExactly("call_1", "call_2", "call_3");
        assertThat(threads).hasSize(3);
        assertThat(finished).containsExactly("lima", "tokyo", "paris");
        assertThat(events).filteredOn(e -> e instanceof AgentEvent.ToolFinished)
                .extracting(e -> ((AgentEvent.ToolFinished) e).call().name())
                .containsExactly("weather_paris", "weather_tokyo", "weather_lima");
    }
}
