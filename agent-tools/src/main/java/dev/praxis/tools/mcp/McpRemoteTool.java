package dev.praxis.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.data.message.Content;
import dev.praxis.content.Parts;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;
import dev.praxis.tools.internal.Args;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One tool of an MCP server, seen as a Praxis tool. The input schema is passed through as
 * JSON Schema (so the toolbox validates arguments before they leave). Side effect: the server's
 * {@code readOnlyHint} makes it {@code READ_ONLY}, {@code openWorldHint: false} makes it
 * {@code WRITE}, anything else is {@code EXTERNAL}. Text content is joined; images and other
 * binary content are described, not inlined; {@code isError} results become failures.
 */
final class McpRemoteTool implements Tool {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final McpSyncClient client;
    private final ClientSession session;
    private final String remoteName;
    private final ToolSpecification spec;
    private final SideEffect sideEffect;

    McpRemoteTool(McpSyncClient client, ClientSession session, McpSchema.Tool tool, String localName) {
        this.client = client;
        this.session = session;
        this.remoteName = tool.name();
        this.spec = ToolSpecification.builder().name(localName)
                .description(tool.description() == null ? tool.name() : tool.description())
                .parameters(schema(tool.inputSchema())).build();
        this.sideEffect = sideEffect(tool.annotations());
    }

    /** {@code prefix + name} reduced to the characters and length tool names allow. */
    static String localName(String prefix, String remote) {
        String name = (prefix + remote).replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name.isEmpty() ? "_" : name;
    }

    @SuppressWarnings("unchecked")
    private static JsonObjectSchema schema(Map<String, Object> input) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        if (input == null) {
            return builder.build();
        }
        Object properties = input.get("properties");
        if (properties instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> property : map.entrySet()) {
                builder.addProperty(String.valueOf(property.getKey()), JsonRawSchema.from(json(property.getValue())));
            }
        }
        if (input.get("required") instanceof List<?> required) {
            builder.required(required.stream().map(String::valueOf).toList());
        }
        if (Boolean.FALSE.equals(input.get("additionalProperties"))) {
            builder.additionalProperties(false);
        }
        return builder.build();
    }

    private static String json(Object value) {
        try {
            return Args.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an MCP schema that is not JSON", e);
        }
    }

    private static SideEffect sideEffect(McpSchema.ToolAnnotations hints) {
        if (hints != null && Boolean.TRUE.equals(hints.readOnlyHint())) {
            return SideEffect.READ_ONLY;
        }
        if (hints != null && Boolean.FALSE.equals(hints.openWorldHint())) {
            return SideEffect.WRITE;
        }
        return SideEffect.EXTERNAL;
    }

    @Override
    public ToolSpecification spec() {
        return spec;
    }

    @Override
    public SideEffect sideEffect() {
        return sideEffect;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Map<String, Object> arguments;
        try {
            arguments = Args.JSON.readValue(call.arguments(), MAP);
        } catch (JsonProcessingException e) {
            throw new ToolException("arguments are not a JSON object: " + e.getOriginalMessage());
        }
        String token = "praxis-" + UUID.randomUUID();
        long failedBefore = session.failedElicitations();
        McpSchema.CallToolResult result;
        session.started(token, context.caller());
        try {
            result = client.callTool(new McpSchema.CallToolRequest(remoteName, arguments,
                    Map.of("progressToken", token)));
        } catch (McpError e) {
            throw new ToolException("the MCP server refused the call: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ToolException("the MCP server did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        } finally {
            session.finished(token);
        }
        Rendered rendered = render(result);
        if (session.failedElicitations() != failedBefore) {
            return ToolResult.failed("the server asked for user input during the call and none could be given; "
                    + "it answered: " + rendered.all());
        }
        return Boolean.TRUE.equals(result.isError()) ? ToolResult.failed(rendered.all())
                : ToolResult.ok(rendered.text(), rendered.attachments());
    }

    /** A result's text (text parts, text resources, links) and its images, audio and binary resources. */
    private record Rendered(String text, List<Content> attachments) {
        String all() {
            return attachments.isEmpty() ? text : text + (text.isEmpty() ? "" : "\n") + Parts.text(attachments);
        }
    }

    private static Rendered render(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        List<Content> attachments = new ArrayList<>();
        for (McpSchema.Content content : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (content instanceof McpSchema.TextContent text) {
                parts.add(text.text());
            } else if (content instanceof McpSchema.EmbeddedResource resource
                    && resource.resource() instanceof McpSchema.TextResourceContents text) {
                // text stays in the result's text, where guards and caps see it
                parts.add(text.text());
            } else if (content instanceof McpSchema.ImageContent || content instanceof McpSchema.AudioContent
                    || content instanceof McpSchema.EmbeddedResource) {
                attachments.add(McpContents.fromMcp(content));
            } else {
                parts.add(Parts.text(List.of(McpContents.fromMcp(content))));
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(json(result.structuredContent()));
        }
        return new Rendered(String.join("\n", parts), attachments);
    }
}
