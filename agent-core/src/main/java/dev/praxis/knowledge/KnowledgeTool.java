package dev.praxis.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.PraxisException;
import dev.praxis.knowledge.internal.PassageJson;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The built-in knowledge tool: the model searches a {@link Retriever} with a query of its own
 * and gets passages as JSON ({@code {"passages":[{"id","document","score","metadata","text"}]}})
 * with the instruction to cite the ones it uses by id in square brackets. Read-only. Added by
 * {@link Retrieval#tool}; an agent built so collects the cited passages of its answers as
 * citations. Thread-safe when the retriever is.
 */
final class KnowledgeTool implements Tool {

    /** The default tool name. */
    static final String NAME = "search_knowledge";
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_QUERY_CHARS = 1000;

    private final Retriever retriever;
    private final ToolSpecification spec;
    private final int topK;

    KnowledgeTool(Retriever retriever, String name, String description, int topK) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be 1-64 letters, digits, '_' or '-', got '" + name + "'");
        }
        this.topK = topK;
        this.spec = ToolSpecification.builder().name(name)
                .description(description + " Returns the most relevant passages, each with an id; cite the ones"
                        + " your answer uses by id in square brackets, e.g. [refunds#0].")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("query", "what to look up, in a few words or a question")
                        .required("query").build())
                .build();
    }

    @Override
    public ToolSpecification spec() {
        return spec;
    }

    @Override
    public SideEffect sideEffect() {
        return SideEffect.READ_ONLY;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        String query;
        try {
            query = PassageJson.parse(call.arguments()).path("query").asText("");
        } catch (JsonProcessingException e) {
            return ToolResult.failed("arguments are not JSON: " + e.getOriginalMessage());
        }
        if (query.isBlank()) {
            return ToolResult.failed("give a non-blank \"query\" to search for");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            return ToolResult.failed("the query has " + query.length() + " characters; use at most "
                    + MAX_QUERY_CHARS);
        }
        List<Passage> passages;
        try {
            passages = retriever.retrieve(RetrievalQuery.of(query).topK(topK));
        } catch (PraxisException e) {
            return new ToolResult.Failed("the knowledge search failed: " + e.getMessage(), e.isRetriable());
        }
        ObjectNode answer = PassageJson.object();
        answer.set("passages", PassageJson.toJson(passages));
        answer.put("note", passages.isEmpty() ? "Nothing relevant was found; do not guess, say you do not know."
                : "Cite the passages you use by id in square brackets, e.g. [" + passages.get(0).sourceId() + "].");
        return ToolResult.ok(answer.toString());
    }
}
