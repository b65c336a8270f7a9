package dev.praxis.memory;

/**
 * A memory that can erase everything it holds about one person (the "right to be forgotten").
 * Every durable Praxis memory implements it; call it on each memory an application uses.
 */
public interface Forgettable {

    /**
     * Erases every record whose scope has this tenant and user, in every agent and session,
     * including shared copies stored under that user's scopes.
     *
     * @return the number of stored records (turns, chunks, experiences) removed
     * @throws MemoryException if the backing store fails; then nothing is guaranteed removed
     */
    long forget(String tenant, String user);
}
