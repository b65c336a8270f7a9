package dev.praxis.store.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The index folder's own files beside Lucene's: a marker saying the index may be behind the store
 * (written before the first uncommitted change, removed on commit) and the name of the layout the
 * index was built in (an index in another layout is rebuilt).
 */
final class IndexFolder {

    private static final String STALE_MARKER = "praxis-index.dirty";
    private static final String LAYOUT_FILE = "praxis-index.layout";
    private static final String LAYOUT = "2: unit vectors by dot product, scope terms per collection";

    private final Path path;

    IndexFolder(Path path) throws IOException {
        this.path = path;
        Files.createDirectories(path);
    }

    Path path() {
        return path;
    }

    boolean markedStale() {
        return Files.exists(path.resolve(STALE_MARKER));
    }

    void markStale() throws IOException {
        Files.writeString(path.resolve(STALE_MARKER), "index may be behind the store");
    }

    void clearStale() throws IOException {
        Files.deleteIfExists(path.resolve(STALE_MARKER));
    }

    boolean hasCurrentLayout() throws IOException {
        Path file = path.resolve(LAYOUT_FILE);
        return Files.exists(file) && Files.readString(file).equals(LAYOUT);
    }

    void recordLayout() throws IOException {
        Files.writeString(path.resolve(LAYOUT_FILE), LAYOUT);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
