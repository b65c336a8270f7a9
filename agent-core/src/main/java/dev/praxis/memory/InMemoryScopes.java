package dev.praxis.memory;

import java.util.Map;

/** Scope bookkeeping shared by the in-memory conversation memories. */
final class InMemoryScopes {

    private InMemoryScopes() {
    }

    /** Removes every entry whose scope has this tenant and user; returns how many. */
    static long removeUser(Map<MemoryScope, ?> byScope, String tenant, String user) {
        int before = byScope.size();
        byScope.keySet().removeIf(s -> s.tenant().equals(tenant) && s.user().equals(user));
        return before - byScope.size();
    }
}
