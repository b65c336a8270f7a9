package dev.praxis.knowledge;

import dev.praxis.knowledge.internal.PassageJson;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.llm.LlmClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fake model that reads: it answers with the first sentence of the passage in its prompt that
 * shares the most words with the question, citing it, and says it does not know when no passage
 * shares any. With a knowledge tool offered and no search made yet, it searches for the question
 * first. What it answers depends only on the passages actually in the prompt.
 */
final class PassageReader implements LlmClient {

    static final String UNKNOWN = "I do not know.";
    private static final Pattern INJECTED = Pattern.compile("\\[([^\\]\\s]+)\\]\\n([^\\n]+)");
    private static final Set<String> STOP = Set.of("what", "when", "where", "which", "does", "with", "that", "this",
            "have", "your", "from", "they", "long", "much", "there");

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public ChatResponse chat(ChatRequest request) {
        requests.add(request);
        String question = question(request.messages());
        List<Passage> passages = new ArrayList<>();
        boolean searched = false;
        for (ChatMessage m : request.messages()) {
            if (m instanceof UserMessage u && u.singleText().contains("<passages>")) {
                Matcher found = INJECTED.matcher(u.singleText());
                while (found.find()) {
                    passages.add(new Passage(found.group(1), found.group(1), found.group(2), 0, java.util.Map.of()));
                }
            } else if (m instanceof ToolExecutionResultMessage r) {
                searched = true;
                passages.addAll(PassageJson.inToolAnswer(r.text()));
            }
        }
        boolean tool = request.toolSpecifications().stream().anyMatch(s -> s.name().equals(KnowledgeTool.NAME));
        if (tool && !searched) {
            return reply(AiMessage.from(ToolExecutionRequest.builder().id("search-1").name(KnowledgeTool.NAME)
                    .arguments("{\"query\":\"" + question.replace("\"", "") + "\"}").build()));
        }
        return reply(AiMessage.from(answer(question, passages)));
    }

    private static String answer(String question, List<Passage> passages) {
        Set<String> asked = words(question);
        Passage best = null;
        long bestShared = 0;
        for (Passage p : passages) {
            long shared = words(p.text()).stream().filter(asked::contains).count();
            if (shared > bestShared) {
                best = p;
                bestShared = shared;
            }
        }
        if (best == null) {
            return UNKNOWN;
        }
        String sentence = best.text().split("(?<=\\.)\\s")[0];
        return sentence + " [" + best.sourceId() + "]";
    }

    private static String question(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u && !u.singleText().contains("<passages>")) {
                return u.singleText();
            }
        }
        return "";
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() >= 4 && !STOP.contains(w))
                .map(w -> w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toSet());
    }

    private static ChatResponse reply(AiMessage message) {
        return ChatResponse.builder().aiMessage(message).finishReason(FinishReason.STOP).build();
    }
}
