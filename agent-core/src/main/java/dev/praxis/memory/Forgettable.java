package dev.praxis.memory;

/**
 * A store that can erase everything it holds about one person (the "right to be forgotten").
 * Every Praxis memory, knowledge and experience store, checkpoint store
 * ({@code CheckpointStore}: run transcripts, tool results, pending approvals) and resumable agent
 * (runs it keeps in this process) implements it; call it on each one an application uses, or
 * once on a {@link Forgetting} that names them all.
 *
 * <p>Data belongs to the tenant and user of the {@link MemoryScope} it was stored under. A run
 * without a session belongs to the {@link Owner} its request named
 * ({@code AgentRequest.onBehalfOf}); a run that names neither belongs to no one, and no forget
 * finds it.
 */
public interface Forgettable {

    /**
     * Erases every record whose scope has this tenant and user, in every agent and session,
     * including shared copies stored under that user's scopes.
     *
     * @return the number of stored records (turns, chunks, experiences, runs) removed
     * @throws MemoryException if the backing store fails; then nothing is guaranteed removed
     */
    long forget(String tenant, String user);
}
