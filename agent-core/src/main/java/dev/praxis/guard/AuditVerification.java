package dev.praxis.guard;

import java.util.Objects;

/** The outcome of {@link AuditLog#verify}: the chain holds, or where it first breaks. */
public sealed interface AuditVerification {

    /**
     * Every line is intact and in order.
     *
     * @param entries how many entries the log holds
     * @param head    the hash of the last entry (all zeros for an empty log); keep it elsewhere
     *                to detect later truncation with {@link AuditLog#verify(java.nio.file.Path, String)}
     */
    record Intact(long entries, String head) implements AuditVerification {
        /** Rejects a null head. */
        public Intact {
            Objects.requireNonNull(head, "head");
        }
    }

    /**
     * The chain is broken.
     *
     * @param line   the 1-based line where the break shows
     * @param reason what is wrong there (edited, missing or reordered entry, malformed line)
     */
    record Broken(long line, String reason) implements AuditVerification {
        /** Rejects a null reason. */
        public Broken {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether the log verified intact. */
    default boolean intact() {
        return this instanceof Intact;
    }
}
