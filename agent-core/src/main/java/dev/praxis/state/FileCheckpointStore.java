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
 * <p>{@link #forget} leaves an empty {@code <run id>.forgotten} file per erased run, so a late
 * save of it is refused; nothing else of the run remains.
 *
 * <p>Run ids must be 1-128 letters, digits, {@code .}, {@code _} or {@code -} (not starting
 * with a dot), so an id can never name a path outside the directory.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final String SUFFIX = ".run.json";
    private static final String FORGOTTEN = ".forgotten";

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
        locked("save run " + state.runId() + " to " + file, () -> {
            if (Files.exists(tombstone(state.runId()))) {
                throw new CheckpointForgottenException(state.runId());
            }
            Optional<RunState> stored = load(state.runId());
            if (stored.isPresent() && stored.get().version() >= state.version()) {
                throw new CheckpointConflictException(state.runId(), stored.get().version(), state.version());
            }
            Path temp = temp(state.runId());
            write(temp, bytes);
            move(temp, file);
            return null;
        });
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

    /**
     * Erases the user's runs under the directory's lock: each gets a forced tombstone file (so a
     * later save of it is refused) before its state file goes, so a crash in between leaves the
     * state refused and a second forget finishes. Orphaned temporary files of crashed saves that
     * hold the user's state, or cannot be read, are removed as well.
     */
    @Override
    public long forget(String tenant, String user) {
        return locked("forget a user in " + directory, () -> {
            long erased = 0;
            for (Path path : list()) {
                String name = path.getFileName().toString();
                if (name.endsWith(SUFFIX) && owned(path, tenant, user, false)) {
                    write(tombstone(name.substring(0, name.length() - SUFFIX.length())), new byte[0]);
                    Files.deleteIfExists(path);
                    erased++;
                } else if (name.startsWith(".") && name.endsWith(".tmp") && owned(path, tenant, user, true)) {
                    Files.deleteIfExists(path); // no save runs while we hold the lock: an orphan of a crash
                }
            }
            return erased;
        });
    }

    private static boolean owned(Path path, String tenant, String user, boolean unreadableToo) throws IOException {
        try {
            return RunStateJson.owner(Files.readString(path, StandardCharsets.UTF_8))
                    .map(o -> o.is(tenant, user)).orElse(false);
        } catch (CheckpointException e) {
            if (unreadableToo) {
                return true;
            }
            throw new CheckpointException("cannot tell whose run " + path.getFileName() + " is: " + e.getMessage(),
                    e, false);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** Runs {@code action} holding this directory's monitor and lock file, so no other save or forget runs meanwhile. */
    private <T> T locked(String operation, IoAction<T> action) {
        synchronized (monitor) {
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                return action.run();
            } catch (IOException e) {
                throw new CheckpointException("cannot " + operation + ": " + e, e, true);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static void write(Path path, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }

    private Path file(String runId) {
        return directory.resolve(safe(runId) + SUFFIX);
    }

    private Path temp(String runId) {
        return directory.resolve("." + safe(runId) + ".tmp");
    }

    private Path tombstone(String runId) {
        return directory.resolve(safe(runId) + FORGOTTEN);
    }

    private static String safe(String runId) {
        if (runId == null || !SAFE_ID.matcher(runId).matches()) {
            throw new CheckpointException("run id '" + runId + "' cannot be stored as a file: use 1-128 letters,"
                    + " digits, '.', '_' or '-', not starting with '.'");
        }
        return runId;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
