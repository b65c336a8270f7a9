package dev.praxis.memory;

import java.util.Objects;

/**
 * Whose memory this is. Every read and write names a scope, and a scope never sees another
 * scope's data. Fields are compared exactly; use {@link #session(String)} when only the
 * conversation matters.
 *
 * @param tenant  the organisation or application instance
 * @param user    the person the agent serves
 * @param agent   the agent (or team) name
 * @param session one conversation
 */
public record MemoryScope(String tenant, String user, String agent, String session) {

    /** The value used for fields that an application does not distinguish. */
    public static final String DEFAULT = "default";

    /** Rejects null or blank fields. */
    public MemoryScope {
        tenant = require(tenant, "tenant");
        user = require(user, "user");
        agent = require(agent, "agent");
        session = require(session, "session");
    }

    /** A scope that distinguishes only the session. */
    public static MemoryScope session(String session) {
        return new MemoryScope(DEFAULT, DEFAULT, DEFAULT, session);
    }

    /** A scope for {@code user}'s conversation {@code session}. */
    public static MemoryScope of(String user, String session) {
        return new MemoryScope(DEFAULT, user, DEFAULT, session);
    }

    /** This scope with another session. */
    public MemoryScope withSession(String newSession) {
        return new MemoryScope(tenant, user, agent, newSession);
    }

    /** This scope with another agent. */
    public MemoryScope withAgent(String newAgent) {
        return new MemoryScope(tenant, user, newAgent, session);
    }

    /** The person this scope's data is about: its tenant and user. */
    public Owner owner() {
        return new Owner(tenant, user);
    }

    /**
     * A single string that identifies this scope unambiguously ({@code /} and {@code %} in fields
     * are escaped): usable as a key prefix and as the context of {@link ContentCipher}.
     */
    public String key() {
        return escape(tenant) + "/" + escape(user) + "/" + escape(agent) + "/" + escape(session);
    }

    private static String escape(String field) {
        return field.replace("%", "%25").replace("/", "%2F");
    }

    private static String require(String value, String field) {
        Objects.requireNonNull(value, () -> "MemoryScope." + field + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("MemoryScope." + field + " must not be blank");
        }
        return value;
    }
}
