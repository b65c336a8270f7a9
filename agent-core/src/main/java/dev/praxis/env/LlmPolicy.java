package dev.praxis.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.Usage;
import dev.praxis.llm.LlmClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy that asks a language model: the observation is rendered as text, and the action is
 * read from the model's answer or from a call to the {@code act} tool it is offered.
 *
 * <pre>{@code
 * Policy<CartPole.State, CartPole.Push> policy = LlmPolicy.builder(llm, env).build();
 * Trajectory episode = Rollout.of(env, policy).play(42);
 * }</pre>
 *
 * <p>An answer that names no valid action is sent back to the model with the reason, up to
 * {@code maxAttempts} attempts in all; after that {@link #decide} throws
 * {@link ActionParseException}. Thread-safe if the model client is; the environment is only
 * read (render, actions, instructions).
 *
 * @param <O> the observation type
 * @param <A> the action type
 */
public final class LlmPolicy<O, A> implements Policy<O, A> {

    /** The name of the tool the model may call to act. */
    public static final String ACT_TOOL = "act";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient llm;
    private final Environment<O, A> env;
    private final String systemPrompt;
    private final Optional<ExperienceReplay> experience;
    private final boolean offerTool;
    private final int maxAttempts;

    private LlmPolicy(Builder<O, A> b) {
        this.llm = b.llm;
        this.env = b.env;
        this.systemPrompt = b.systemPrompt != null ? b.systemPrompt : b.env.instructions();
        this.experience = Optional.ofNullable(b.experience);
        this.offerTool = b.offerTool;
        this.maxAttempts = b.maxAttempts;
    }

    /** Starts configuring a policy for {@code env}. */
    public static <O, A> Builder<O, A> builder(LlmClient llm, Environment<O, A> env) {
        return new Builder<>(Objects.requireNonNull(llm, "llm"), Objects.requireNonNull(env, "env"));
    }

    @Override
    public Decision<A> decide(O observation) {
        String situation = env.render(observation);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(systemPrompt));
        messages.add(UserMessage.from(experience.map(e -> e.examplesFor(situation)).orElse("")
                + "Observation:\n" + situation + "\n\nReply with " + env.actions().describe() + "."));
        Usage usage = Usage.ZERO;
        for (int attempt = 1; ; attempt++) {
            ChatResponse response = llm.chat(request(messages));
            usage = usage.plus(Usage.of(response));
            AiMessage answer = response.aiMessage();
            messages.add(answer);
            Optional<ToolExecutionRequest> call = answer.hasToolExecutionRequests()
                    ? Optional.of(answer.toolExecutionRequests().get(0)) : Optional.empty();
            try {
                A action = env.actions().parse(call.isPresent() ? argumentOf(call.get()) : textOf(answer));
                call.ifPresent(c -> messages.add(ToolExecutionResultMessage.from(c, "done: " + action)));
                return new Decision<>(action, messages, usage);
            } catch (ActionParseException e) {
                if (attempt >= maxAttempts) {
                    throw new ActionParseException("the model gave no valid action in " + maxAttempts
                            + " attempts: " + e.getMessage());
                }
                messages.add(call.<ChatMessage>map(c -> ToolExecutionResultMessage.from(c, "Error: " + e.getMessage()))
                        .orElseGet(() -> UserMessage.from(e.getMessage() + ". Try again.")));
            }
        }
    }

    private ChatRequest request(List<ChatMessage> messages) {
        ChatRequest.Builder request = ChatRequest.builder().messages(List.copyOf(messages));
        if (offerTool) {
            request.toolSpecifications(actTool());
        }
        return request.build();
    }

    private ToolSpecification actTool() {
        JsonObjectSchema.Builder params = JsonObjectSchema.builder();
        if (env.actions() instanceof ActionSpace.Discrete<A> discrete) {
            params.addEnumProperty("action", discrete.values().stream().map(String::valueOf).toList(), "the action");
        } else {
            params.addStringProperty("action", "the answer");
        }
        return ToolSpecification.builder().name(ACT_TOOL).description("Take your action in the environment.")
                .parameters(params.required("action").build()).build();
    }

    private static String argumentOf(ToolExecutionRequest call) {
        if (!ACT_TOOL.equals(call.name())) {
            throw new ActionParseException("unknown tool '" + call.name() + "'; call '" + ACT_TOOL + "' to act");
        }
        try {
            JsonNode action = JSON.readTree(call.arguments() == null ? "{}" : call.arguments()).path("action");
            if (!action.isTextual()) {
                throw new ActionParseException("the '" + ACT_TOOL + "' call needs a string argument 'action'");
            }
            return action.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ActionParseException("the '" + ACT_TOOL + "' arguments are not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String textOf(AiMessage answer) {
        return answer.text() == null ? "" : answer.text();
    }

    /** Configures an {@link LlmPolicy}. */
    public static final class Builder<O, A> {
        private final LlmClient llm;
        private final Environment<O, A> env;
        private String systemPrompt;
        private ExperienceReplay experience;
        private boolean offerTool = true;
        private int maxAttempts = 2;

        private Builder(LlmClient llm, Environment<O, A> env) {
            this.llm = llm;
            this.env = env;
        }

        /** The system prompt; default the environment's instructions. */
        public Builder<O, A> systemPrompt(String prompt) {
            this.systemPrompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        /** Offer worked examples from past experience before each observation. */
        public Builder<O, A> experience(ExperienceReplay replay) {
            this.experience = Objects.requireNonNull(replay, "replay");
            return this;
        }

        /** Whether to offer the {@code act} tool (default true); without it the action is read from text. */
        public Builder<O, A> offerTool(boolean offer) {
            this.offerTool = offer;
            return this;
        }

        /** Model calls per decision before giving up (default 2, at least 1). */
        public Builder<O, A> maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Builds the policy. */
        public LlmPolicy<O, A> build() {
            return new LlmPolicy<>(this);
        }
    }
}
