package dev.praxis.tools.mcp.conformance;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.mcp.McpHttpEndpoint;
import dev.praxis.tools.mcp.McpPrompt;
import dev.praxis.tools.mcp.McpResource;
import dev.praxis.tools.mcp.McpToolServer;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The server the conformance suite's server scenarios expect (the tools, resources and prompts
 * its scenarios name), built only with Praxis's public API.
 */
public final class ConformanceServer {

    static final String RED_PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String MINIMAL_WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQAAAAA=";
    private static final JsonObjectSchema NONE = JsonObjectSchema.builder().build();

    private ConformanceServer() {
    }

    /** Serves the conformance server on {@code port} (0: a free one). */
    public static McpHttpEndpoint start(int port) {
        return server().serveHttp(port);
    }

    static McpToolServer server() {
        return McpToolServer.of(toolbox(), "praxis-conformance", "1.0.0")
                .withResources(
                        McpResource.text("test://static-text", "Static Text Resource", "text/plain",
                                () -> "This is the content of the static text resource.")
                                .describedAs("A static text resource for testing"),
                        McpResource.binary("test://static-binary", "Static Binary Resource", "image/png",
                                () -> Base64.getDecoder().decode(RED_PIXEL_PNG)),
                        McpResource.text("test://watched-resource", "Watched Resource", "text/plain",
                                () -> "This is a watched resource content."),
                        McpResource.template("test://template/{id}/data", "Template Resource", "application/json",
                                vars -> "{\"id\":\"" + vars.get("id") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                                        + vars.get("id") + "\"}"))
                .withPrompts(
                        McpPrompt.of("test_simple_prompt", "A simple prompt for testing", List.of(),
                                args -> List.of(TextContent.from("This is a simple prompt for testing."))),
                        McpPrompt.of("test_prompt_with_arguments", "A prompt with arguments for testing",
                                List.of(McpPrompt.Argument.required("arg1", "First test argument")
                                                .completedBy(typed -> List.of("paris", "tokyo").stream()
                                                        .filter(v -> v.startsWith(typed)).toList()),
                                        McpPrompt.Argument.required("arg2", "Second test argument")),
                                args -> List.of(TextContent.from("Prompt with arguments: arg1='" + args.get("arg1")
                                        + "', arg2='" + args.get("arg2") + "'"))),
                        McpPrompt.of("test_prompt_with_embedded_resource", "A prompt with embedded resource",
                                List.of(McpPrompt.Argument.required("resourceUri", "URI of the resource to embed")),
                                args -> List.of(EmbeddedResource.text(args.get("resourceUri"), "text/plain",
                                                "Embedded resource content for testing."),
                                        TextContent.from("Please process the embedded resource above."))),
                        McpPrompt.of("test_prompt_with_image", "A prompt with image content", List.of(),
                                args -> List.of(ImageContent.from(Image.builder().base64Data(RED_PIXEL_PNG)
                                                .mimeType("image/png").build()),
                                        TextContent.from("Please analyze the image above."))));
    }

    private static Toolbox toolbox() {
        JsonObjectSchema address = JsonObjectSchema.builder().addStringProperty("street").addStringProperty("city")
                .build();
        return Toolbox.of(
                Tools.of("test_simple_text", "Returns simple text content for testing", NONE, SideEffect.READ_ONLY,
                        args -> "This is a simple text response for testing."),
                Tools.of("test_error_handling", "Always fails", NONE, SideEffect.READ_ONLY, args -> {
                    throw new ToolException("This tool intentionally returns an error for testing");
                }),
                tool("test_tool_with_logging", NONE, (args, caller) -> {
                    caller.log(ToolCaller.Level.INFO, "Tool execution started");
                    caller.log(ToolCaller.Level.INFO, "Tool processing data");
                    caller.log(ToolCaller.Level.INFO, "Tool execution completed");
                    return "Tool execution completed with logging";
                }),
                tool("test_tool_with_progress", NONE, (args, caller) -> {
                    caller.progress(0, 100, null);
                    caller.progress(50, 100, null);
                    caller.progress(100, 100, null);
                    return "Tool execution completed with progress";
                }),
                tool("test_sampling", JsonObjectSchema.builder().addStringProperty("prompt").required("prompt").build(),
                        (args, caller) -> "LLM response: " + caller.sample(ChatRequest.builder()
                                .messages(UserMessage.from(args.get("prompt").toString())).build()).aiMessage().text()),
                tool("test_elicitation", JsonObjectSchema.builder().addStringProperty("message").required("message")
                        .build(), (args, caller) -> "User response: " + caller.elicit(args.get("message").toString(),
                        Map.of("type", "object", "properties", Map.of(
                                        "username", Map.of("type", "string", "description", "User's response"),
                                        "email", Map.of("type", "string", "description", "User's email address")),
                                "required", List.of("username", "email")))),
                tool("test_elicitation_sep1034_defaults", NONE, (args, caller) -> "Elicitation completed: "
                        + caller.elicit("Please provide your information with defaults", Map.of("type", "object",
                        "properties", Map.of(
                                "name", Map.of("type", "string", "default", "John Doe"),
                                "age", Map.of("type", "integer", "default", 30),
                                "score", Map.of("type", "number", "default", 95.5),
                                "status", Map.of("type", "string", "enum", List.of("active", "inactive", "pending"),
                                        "default", "active"),
                                "verified", Map.of("type", "boolean", "default", true)),
                        "required", List.of("name", "age", "score", "status", "verified")))),
                tool("test_elicitation_sep1330_enums", NONE, (args, caller) -> "Elicitation completed: "
                        + caller.elicit("Select your preferences", Map.of("type", "object", "properties", Map.of(
                        "untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")),
                        "titledSingle", Map.of("type", "string", "oneOf", List.of(
                                Map.of("const", "value1", "title", "First Option"),
                                Map.of("const", "value2", "title", "Second Option"),
                                Map.of("const", "value3", "title", "Third Option"))),
                        "legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"),
                                "enumNames", List.of("Option One", "Option Two", "Option Three")),
                        "untitledMulti", Map.of("type", "array", "items", Map.of("type", "string",
                                "enum", List.of("option1", "option2", "option3"))),
                        "titledMulti", Map.of("type", "array", "items", Map.of("anyOf", List.of(
                                Map.of("const", "value1", "title", "First Choice"),
                                Map.of("const", "value2", "title", "Second Choice"),
                                Map.of("const", "value3", "title", "Third Choice"))))),
                        "required", List.of("untitledSingle", "titledSingle", "legacyEnum", "untitledMulti",
                                "titledMulti")))),
                parts("test_image_content", "", List.of(ImageContent.from(RED_PIXEL_PNG, "image/png"))),
                parts("test_audio_content", "", List.of(AudioContent.from(MINIMAL_WAV, "audio/wav"))),
                parts("test_embedded_resource", "", List.of(EmbeddedResource.text("test://embedded-resource",
                        "text/plain", "This is an embedded resource content."))),
                parts("test_multiple_content_types", "Multiple content types test:", List.of(
                        ImageContent.from(RED_PIXEL_PNG, "image/png"),
                        EmbeddedResource.text("test://mixed-content-resource", "application/json",
                                "{\"test\":\"data\",\"value\":123}"))),
                tool("json_schema_2020_12_tool", JsonObjectSchema.builder()
                        .definitions(Map.of("address", address))
                        .addProperty("name", JsonStringSchema.builder().build())
                        .addProperty("address", JsonReferenceSchema.builder().reference("address").build())
                        .additionalProperties(false).build(), (args, caller) -> "ok"));
    }

    /** A tool that answers {@code text} with {@code attachments}, as a Praxis tool returns content parts. */
    private static Tool parts(String name, String text, List<dev.langchain4j.data.message.Content> attachments) {
        return TestTools.named(name).description(name).returns(ToolResult.ok(text, attachments));
    }

    /** A tool whose body sees its parsed arguments and its caller. */
    @SuppressWarnings("unchecked")
    private static Tool tool(String name, JsonObjectSchema schema,
                             BiFunction<Map<String, Object>, ToolCaller, String> body) {
        return TestTools.named(name).description(name).parameters(schema).answers((json, context) -> {
            try {
                Map<String, Object> args = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
                return body.apply(args, context.caller());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ToolException("arguments are not JSON: " + e.getOriginalMessage());
            }
        });
    }

    public static void main(String[] args) throws Exception {
        try (McpHttpEndpoint endpoint = start(Integer.parseInt(args[0]))) {
            System.out.println(endpoint.url());
            Thread.currentThread().join();
        }
    }
}
