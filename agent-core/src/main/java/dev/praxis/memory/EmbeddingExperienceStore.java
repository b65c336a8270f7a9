package dev.praxis.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ExperienceStore} over any {@link VectorStore}: each run is one record whose vector
 * is the embedding of its task and whose content is the run as JSON (encrypted when a
 * {@link ContentCipher} is given). Thread-safe when its store and model are.
 */
public final class EmbeddingExperienceStore implements ExperienceStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTCOME = "outcome";
    private static final String RATING = "rating";

    private final VectorStore store;
    private final EmbeddingModel embeddings;
    private final ContentCipher cipher;
    private final String collection;

    /** A store in collection {@code experience}, with the given cipher. */
    public EmbeddingExperienceStore(VectorStore store, EmbeddingModel embeddings, ContentCipher cipher) {
        this.store = Objects.requireNonNull(store, "store");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.collection = "experience";
    }

    @Override
    public void record(MemoryScope scope, String id, Experience experience) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("an experience id must not be blank");
        }
        float[] vector = embeddings.embed(experience.task()).content().vector();
        Map<String, String> metadata = Map.of(OUTCOME, experience.outcome().name(),
                RATING, experience.feedback() >= 0 ? "ok" : "bad");
        String content = cipher.encrypt(toJson(experience), scope.key());
        VectorRecord record = new VectorRecord(scope.key() + "#" + id, scope, id, content, metadata, vector,
                VectorRecord.NEVER);
        store.replaceDocument(collection, scope, id, List.of(record));
    }

    @Override
    public Optional<Experience> find(MemoryScope scope, String id) {
        return store.get(collection, List.of(scope.key() + "#" + id)).stream()
                .filter(r -> r.scope().equals(scope))
                .findFirst()
                .map(r -> fromJson(cipher.decrypt(r.content(), scope.key())));
    }

    @Override
    public List<RecalledExperience> recallSuccessful(MemoryScope scope, String task, int k) {
        float[] vector = embeddings.embed(task).content().vector();
        Map<String, String> filter = Map.of(OUTCOME, Experience.Outcome.SUCCEEDED.name(), RATING, "ok");
        VectorQuery query = new VectorQuery(List.of(scope), vector, k, filter, -1, Clock.systemUTC().instant());
        List<RecalledExperience> found = new ArrayList<>();
        for (ScoredRecord s : store.search(collection, query)) {
            Experience e = fromJson(cipher.decrypt(s.record().content(), scope.key()));
            found.add(new RecalledExperience(s.record().documentId(), e, s.score()));
        }
        return found;
    }

    @Override
    public long forget(String tenant, String user) {
        return store.forget(tenant, user);
    }

    private static String toJson(Experience e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("task", e.task());
        e.steps().forEach(node.putArray("steps")::add);
        node.put("outcome", e.outcome().name());
        node.put("feedback", e.feedback());
        node.put("finishedAt", e.finishedAt().toString());
        return node.toString();
    }

    private static Experience fromJson(String json) {
        try {
            var node = JSON.readTree(json);
            List<String> steps = new ArrayList<>();
            node.path("steps").forEach(s -> steps.add(s.asText()));
            return new Experience(node.path("task").asText(), steps,
                    Experience.Outcome.valueOf(node.path("outcome").asText()), node.path("feedback").asDouble(),
                    Instant.parse(node.path("finishedAt").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MemoryException("a stored experience is not readable: " + e.getMessage(), e, false);
        }
    }
}
