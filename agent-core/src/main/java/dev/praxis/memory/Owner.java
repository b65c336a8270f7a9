package dev.praxis.memory;

import java.util.Objects;

/**
 * The person stored data is about: what {@link Forgettable#forget} erases by. A session's owner
 * is its scope's tenant and user ({@link MemoryScope#owner()}); a run without a session has an
 * owner only when its request names one ({@code AgentRequest.onBehalfOf}).
 *
 * @param tenant the organisation or application instance
 * @param user   the person
 */
public record Owner(String tenant, String user) {

    /** Rejects null or blank fields. */
    public Owner {
        Objects.requireNonNull(tenant, "Owner.tenant must not be null");
        Objects.requireNonNull(user, "Owner.user must not be null");
        if (tenant.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("Owner tenant and user must not be blank");
        }
    }

    /** {@code user} in the {@link MemoryScope#DEFAULT} tenant, as {@link MemoryScope#of} names users. */
    public static Owner of(String user) {
        return new Owner(MemoryScope.DEFAULT, user);
    }

    /** Whether this is {@code tenant}'s {@code user}. */
    public boolean is(String tenant, String user) {
        return this.tenant.equals(tenant) && this.user.equals(user);
    }
}
