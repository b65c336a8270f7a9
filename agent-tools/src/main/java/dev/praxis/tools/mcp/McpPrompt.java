package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.Content;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A prompt template an {@link McpToolServer} publishes: the client lists it, offers it to its
 * user, and gets it rendered with arguments. The rendered messages are user-role content parts:
 * LangChain4j {@code TextContent}, {@code ImageContent}, {@code AudioContent}, or a
 * {@link dev.praxis.content.EmbeddedResource}.
 *
 * <pre>{@code
 * McpPrompt review = McpPrompt.of("review", "Reviews a file",
 *         List.of(McpPrompt.Argument.required("path", "File to review")),
 *         args -> List.of(TextContent.from("Review " + args.get("path") + " for bugs.")));
 * }</pre>
 *
 * @param name        the prompt's name
 * @param description what it is for, or null
 * @param arguments   the arguments it takes
 * @param render      the messages for the given arguments (required ones are checked first)
 */
public record McpPrompt(String name, String description, List<Argument> arguments,
                        Function<Map<String, String>, List<Content>> render) {

    /** Validates and copies. */
    public McpPrompt {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(render, "render");
    }

    /** A prompt; see the record components. */
    public static McpPrompt of(String name, String description, List<Argument> arguments,
                               Function<Map<String, String>, List<Content>> render) {
        return new McpPrompt(name, description, arguments, render);
    }

    /**
     * One argument of a prompt.
     *
     * @param name        its name
     * @param description what to give, or null
     * @param required    whether a client must give it
     * @param complete    suggestions for what the user has typed so far ({@code completion/complete})
     */
    public record Argument(String name, String description, boolean required,
                           Function<String, List<String>> complete) {

        /** Validates. */
        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(complete, "complete");
        }

        /** A required argument without suggestions. */
        public static Argument required(String name, String description) {
            return new Argument(name, description, true, typed -> List.of());
        }

        /** An optional argument without suggestions. */
        public static Argument optional(String name, String description) {
            return new Argument(name, description, false, typed -> List.of());
        }

        /** This argument suggesting the values of {@code complete} for what the user typed. */
        public Argument completedBy(Function<String, List<String>> complete) {
            return new Argument(name, description, required, complete);
        }
    }
}
