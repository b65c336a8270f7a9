package dev.praxis.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One JSON file per run in a directory. A save writes a temporary file, forces it to disk
 * and atomically renames it over the old one, so a crash at any moment leaves either the old
 * or the new state, never a torn one. Saves are serialised across processes by a lock file in
 * the directory, which makes the version check hold for several processes too. Thread-safe.
 *
 * <p>Run ids must be 1-128 letters, digits, {@code .}, {@code _} or {@code -} (not starting
 * with a dot), so an id can never name a path outside the directory.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final String SUFFIX = ".run.json";

    /** One monitor per directory, since a JVM may not hold two file locks on one file. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> MONITORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path directory;
    private final Object monitor;

    private FileCheckpointStore(Path directory) {
        this.directory = directory;
        this.monitor = MONITORS.computeIfAbsent(directory.toAbsolutePath().normalize(), d -> new Object());
    }

    /**
     * A store in {@code directory}, created if missing.
     *
     * @throws CheckpointException if the directory cannot be created
     */
    public static FileCheckpointStore in(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CheckpointException("cannot create checkpoint directory " + directory + ": " + e, e, false);
        }
        return new FileCheckpointStore(directory);
    }

    @Override
    public void save(RunState state) {
        Path file = file(state.runId());
        byte[] bytes = RunStateJson.write(state).getBytes(StandardCharsets.UTF_8);
        synchronized (monitor) {
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                Optional<RunState> stored = load(state.runId());
                if (stored.isPresent() && stored.get().version() >= state.version()) {
                    throw new CheckpointConflictException(state.runId(), stored.get().version(), state.version());
                }
                Path temp = directory.resolve("." + state.runId() + ".tmp");
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    out.force(true);
                }
                move(temp, file);
            } catch (IOException e) {
                throw new CheckpointException("cannot save run " + state.runId() + " to " + file + ": " + e, e, true);
            }
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        Path file = file(runId);
        try {
            return Optional.of(RunStateJson.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointException("cannot read run " + runId + " from " + file + ": " + e, e, true);
        }
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        List<RunState> states = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                load(name.substring(0, name.length() - SUFFIX.length())).ifPresent(states::add);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot list checkpoint directory " + directory + ": " + e, e, true);
        }
        return states.stream().filter(s -> s.phase() == phase).sorted(Comparator.comparing(RunState::updatedAt))
                .map(RunState::runId).toList();
    }

    @Override
    public void delete(String runId) {
        try {
            synchronized (monitor) {
                Files.deleteIfExists(file(runId));
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot delete run " + runId + ": " + e, e, true);
        }
    }

    private Path file(String runId) {
        if (runId == null || !SAFE_ID.matcher(runId).matches()) {
            throw new CheckpointException("run id '" + runId + "' cannot be stored as a file: use 1-128 letters,"
                    + " digits, '.', '_' or '-', not starting with '.'");
        }
        return directory.resolve(runId + SUFFIX);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
