package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.Content;
import dev.praxis.content.EmbeddedResource;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources and prompts of an {@link McpToolServer}, as the SDK's feature specifications. */
final class ServerCatalog {

    private static final int MAX_COMPLETIONS = 100;

    private final List<McpResource> resources;
    private final List<McpPrompt> prompts;

    ServerCatalog(List<McpResource> resources, List<McpPrompt> prompts) {
        this.resources = resources;
        this.prompts = prompts;
    }

    List<McpServerFeatures.SyncResourceSpecification> resources() {
        List<McpServerFeatures.SyncResourceSpecification> specs = new ArrayList<>();
        for (McpResource resource : resources) {
            if (!resource.template()) {
                specs.add(new McpServerFeatures.SyncResourceSpecification(
                        new McpSchema.Resource(resource.uri(), resource.name(), null, resource.description(),
                                resource.mimeType(), null, null, null),
                        (exchange, request) -> read(resource, Map.of())));
            }
        }
        return specs;
    }

    List<McpServerFeatures.SyncResourceTemplateSpecification> templates() {
        List<McpServerFeatures.SyncResourceTemplateSpecification> specs = new ArrayList<>();
        for (McpResource resource : resources) {
            if (resource.template()) {
                specs.add(new McpServerFeatures.SyncResourceTemplateSpecification(
                        new McpSchema.ResourceTemplate(resource.uri(), resource.name(), null, resource.description(),
                                resource.mimeType(), null),
                        (exchange, request) -> {
                            Optional<Map<String, String>> vars = resource.match(request.uri());
                            if (vars.isEmpty()) {
                                throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(
                                        McpSchema.ErrorCodes.INVALID_PARAMS, "no resource " + request.uri(), null));
                            }
                            return read(resource, vars.get());
                        }));
            }
        }
        return specs;
    }

    private static McpSchema.ReadResourceResult read(McpResource resource, Map<String, String> vars) {
        EmbeddedResource contents = resource.read().apply(vars);
        return new McpSchema.ReadResourceResult(List.of(McpContents.resourceContents(contents)));
    }

    List<McpServerFeatures.SyncPromptSpecification> prompts() {
        List<McpServerFeatures.SyncPromptSpecification> specs = new ArrayList<>();
        for (McpPrompt prompt : prompts) {
            List<McpSchema.PromptArgument> arguments = prompt.arguments().stream()
                    .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required())).toList();
            specs.add(new McpServerFeatures.SyncPromptSpecification(
                    new McpSchema.Prompt(prompt.name(), prompt.description(), arguments),
                    (exchange, request) -> render(prompt, request)));
        }
        return specs;
    }

    private static McpSchema.GetPromptResult render(McpPrompt prompt, McpSchema.GetPromptRequest request) {
        Map<String, String> given = new LinkedHashMap<>();
        if (request.arguments() != null) {
            request.arguments().forEach((k, v) -> given.put(k, String.valueOf(v)));
        }
        for (McpPrompt.Argument argument : prompt.arguments()) {
            if (argument.required() && !given.containsKey(argument.name())) {
                throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
                        "prompt " + prompt.name() + " needs the argument " + argument.name(), null));
            }
        }
        List<McpSchema.PromptMessage> messages = new ArrayList<>();
        for (Content part : prompt.render().apply(Map.copyOf(given))) {
            messages.add(new McpSchema.PromptMessage(McpSchema.Role.USER, McpContents.toMcp(part)));
        }
        return new McpSchema.GetPromptResult(prompt.description(), messages);
    }

    List<McpServerFeatures.SyncCompletionSpecification> completions() {
        List<McpServerFeatures.SyncCompletionSpecification> specs = new ArrayList<>();
        for (McpPrompt prompt : prompts) {
            specs.add(new McpServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference(prompt.name()),
                    (exchange, request) -> {
                        String typed = request.argument().value() == null ? "" : request.argument().value();
                        List<String> values = prompt.arguments().stream()
                                .filter(a -> a.name().equals(request.argument().name()))
                                .findFirst().map(a -> a.complete().apply(typed)).orElse(List.of());
                        List<String> shown = values.size() > MAX_COMPLETIONS ? values.subList(0, MAX_COMPLETIONS)
                                : values;
                        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(shown,
                                values.size(), values.size() > MAX_COMPLETIONS));
                    }));
        }
        return specs;
    }
}
