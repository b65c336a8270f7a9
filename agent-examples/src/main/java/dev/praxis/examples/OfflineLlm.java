package dev.praxis.examples;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples' stand-in when no model is configured: a small rule-based dialogue system,
 * not a language model. It picks the tool whose description shares the most words with the
 * user's message (intent), fills its numeric parameters with the numbers in the message, in
 * order (slots), and reports the tool's answer. When nothing matches it says so plainly.
 * Every answer starts with {@link #LABEL} so it is never mistaken for a model's.
 */
public final class OfflineLlm implements LlmClient {

    /** The prefix of every answer. */
    public static final String LABEL = "[offline mode (no LLM)]";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    @Override
    public ChatResponse chat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof ToolExecutionResultMessage result) {
            return answer(result.text().startsWith("Error:")
                    ? "the " + result.toolName() + " tool could not do that: " + result.text().substring(7)
                    : "the " + result.toolName() + " tool says: " + result.text());
        }
        if (last instanceof UserMessage user) {
            return route(user.singleText(), request.toolSpecifications());
        }
        return answer("I can only answer a user's question.");
    }

    private ChatResponse route(String text, List<ToolSpecification> tools) {
        Set<String> words = words(text);
        ToolSpecification best = null;
        int bestScore = 0;
        for (ToolSpecification tool : tools) {
            Set<String> shared = new HashSet<>(words(tool.name() + " " + tool.description()));
            shared.retainAll(words);
            if (shared.size() > bestScore) {
                best = tool;
                bestScore = shared.size();
            }
        }
        if (best == null) {
            return answer("I did not understand \"" + text + "\". I can: " + describe(tools));
        }
        List<String> parameters = new ArrayList<>(best.parameters().properties().keySet());
        List<String> numbers = new ArrayList<>();
        for (Matcher m = NUMBER.matcher(text); m.find(); ) {
            numbers.add(m.group());
        }
        if (numbers.size() < parameters.size()) {
            return answer("to " + best.name() + " I need " + parameters.size() + " numbers, but found "
                    + numbers.size() + " in \"" + text + "\".");
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < parameters.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(parameters.get(i)).append("\":").append(numbers.get(i));
        }
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("offline-" + UUID.randomUUID()).name(best.name()).arguments(json.append('}').toString()).build();
        return ChatResponse.builder().aiMessage(AiMessage.from(List.of(call))).build();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT)); m.find(); ) {
            if (m.group().length() > 2) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static String describe(List<ToolSpecification> tools) {
        return tools.isEmpty() ? "nothing (no tools)" : String.join("; ",
                tools.stream().map(t -> t.name() + " (" + t.description() + ")").toList());
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(LABEL + " " + text)).build();
    }

    /** For tests: the words the router compares. */
    static List<String> wordsOf(String text) {
        return Arrays.asList(words(text).toArray(String[]::new));
    }
}
