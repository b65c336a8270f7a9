package dev.praxis.env;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmPolicyTest {

    private final CartPole env = new CartPole();

    @Test
    void rendersObservationAsTextAndReadsActionFromAnswer() {
        var llm = ScriptedLlm.of(text("The pole leans right, so I push RIGHT."));
        var policy = LlmPolicy.builder(llm, env).build();

        Decision<CartPole.Push> decision = policy.decide(new CartPole.State(0.1, 0, 0.05, 0.2));

        assertThat(decision.action()).isEqualTo(CartPole.Push.RIGHT);
        var request = llm.requests().get(0);
        assertThat(request.messages().get(0)).isEqualTo(SystemMessage.from(env.instructions()));
        assertThat(((UserMessage) request.messages().get(1)).singleText())
                .contains("cart position 0.100 m", "pole angle 2.86 degrees", "[LEFT, RIGHT]");
        assertThat(request.toolSpecifications()).extracting(s -> s.name()).containsExactly("act");
    }

    @Test
    void readsActionFromActToolCallAndAnswersTheCall() {
        var llm = ScriptedLlm.of(toolCall("act", "{\"action\":\"LEFT\"}"));
        var policy = LlmPolicy.builder(llm, env).build();

        Decision<CartPole.Push> decision = policy.decide(env.reset(1));

        assertThat(decision.action()).isEqualTo(CartPole.Push.LEFT);
        assertThat(decision.messages()).hasSize(4);
        assertThat(decision.messages().get(3)).isInstanceOfSatisfying(ToolExecutionResultMessage.class,
                m -> assertThat(m.id()).isEqualTo("call_1"));
    }

    @Test
    void sendsUnreadableAnswerBackWithReasonThenAcceptsCorrection() {
        var llm = ScriptedLlm.of(text("Hmm, hard to say."), toolCall("act", "{\"action\":\"RIGHT\"}"));
        var policy = LlmPolicy.builder(llm, env).build();

        Decision<CartPole.Push> decision = policy.decide(env.reset(1));

        assertThat(decision.action()).isEqualTo(CartPole.Push.RIGHT);
        var retry = llm.requests().get(1).messages();
        assertThat(((UserMessage) retry.get(retry.size() - 1)).singleText()).contains("no valid action");
    }

    @Test
    void givesUpWithTypedErrorAfterMaxAttempts() {
        var llm = ScriptedLlm.of(toolCall("act", "{\"action\":\"UP\"}"), toolCall("jump", "{}"));
        var policy = LlmPolicy.builder(llm, env).maxAttempts(2).build();

        assertThatThrownBy(() -> policy.decide(env.reset(1))).isInstanceOf(ActionParseException.class)
                .hasMessageContaining("2 attempts").hasMessageContaining("unknown tool 'jump'");
    }

    @Test
    void playsAWholeEpisodeAndRecordsTheConversationPerStep() {
        // a scripted model that leans with the pole, reading the angle from the rendered text
        var llm = ScriptedLlm.of(java.util.stream.IntStream.range(0, 600)
                .mapToObj(i -> (ScriptedLlm.Reply) request -> {
                    String prompt = ((UserMessage) request.messages().get(1)).singleText();
                    return text(prompt.contains("pole angle -") ? "LEFT" : "RIGHT").reply(request);
                }).toArray(ScriptedLlm.Reply[]::new));
        var policy = LlmPolicy.builder(llm, env).offerTool(false).build();

        Trajectory episode = Rollout.of(env, policy).withMaxSteps(30).play(5);

        assertThat(episode.steps()).isNotEmpty();
        assertThat(episode.totalReward()).isEqualTo(episode.steps().size());
        assertThat(episode.steps().get(0).messages()).hasSize(3);
        assertThat(episode.conversation().stream().filter(m -> m instanceof SystemMessage)).hasSize(1);
        assertThat(episode.conversation().stream().filter(m -> m instanceof AiMessage))
                .hasSize(episode.steps().size());
        assertThat(llm.requests().get(0).toolSpecifications()).isEmpty();
    }

    @Test
    void textEnvironmentsTakeTheWholeAnswer() {
        var tasks = new TaskEnvironment(List.of(new Task("t", "2+2?", Checker.equalsTo("4"))));
        var llm = ScriptedLlm.of(text("  4 "));

        Decision<String> decision = LlmPolicy.builder(llm, tasks).build().decide(tasks.reset(0));

        assertThat(decision.action()).isEqualTo("4");
    }
}
