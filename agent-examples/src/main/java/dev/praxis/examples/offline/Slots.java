package dev.praxis.examples.offline;

import java.util.List;
import java.util.Objects;

/** What slot filling found for one tool call: all required arguments, or what is missing. */
public sealed interface Slots {

    /** Every required argument was found; {@code json} is the call's arguments. */
    record Filled(String json) implements Slots {
        /** Rejects null. */
        public Filled {
            Objects.requireNonNull(json, "json");
        }
    }

    /** These required parameters (name: description) were not found in the conversation. */
    record Missing(List<String> parameters) implements Slots {
        /** Copies the list. */
        public Missing {
            parameters = List.copyOf(parameters);
        }
    }
}
