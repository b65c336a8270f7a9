package dev.praxis.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.PraxisException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An append-only, hash-chained JSON Lines file. Each line is
 * {@code {"seq":n,"time":"…","type":"…","data":{…},"prev":"<hash of line n-1>","hash":"<hash>"}}
 * where {@code hash} is the SHA-256 of the line's bytes up to (not including) {@code ,"hash"}
 * plus the closing brace. {@link #verify} therefore detects an edited line (its hash no longer
 * matches), a removed or reordered line (the next line's {@code prev} or {@code seq} no longer
 * matches), and, given the last {@link #head()} kept elsewhere, a truncated tail.
 *
 * <pre>{@code
 * try (AuditLog audit = AuditLog.open(Path.of("audit.jsonl"))) {
 *     audit.append("approval", Map.of("tool", "send_email", "decision", "denied"));
 * }
 * AuditVerification check = AuditLog.verify(Path.of("audit.jsonl"));
 * }</pre>
 *
 * <p>The chain proves integrity, not authenticity: someone who can rewrite the whole file can
 * recompute every hash, so ship {@link #head()} to a separate system. One writer per file;
 * thread-safe within it. Lines are forced to disk when {@code durable} is set.
 */
public final class AuditLog implements AutoCloseable {

    /** The {@code prev} of the first line. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    private final Path path;
    private final FileChannel channel;
    private final Clock clock;
    private final boolean durable;
    private long seq;
    private String head;

    private AuditLog(Path path, FileChannel channel, Clock clock, boolean durable, long seq, String head) {
        this.path = path;
        this.channel = channel;
        this.clock = clock;
        this.durable = durable;
        this.seq = seq;
        this.head = head;
    }

    /** Opens (or creates) the log at {@code path}, forcing each line to disk. */
    public static AuditLog open(Path path) {
        return open(path, Clock.systemUTC(), true);
    }

    /**
     * Opens (or creates) the log at {@code path} and continues its chain. Refuses a log whose
     * last line is not a well-formed entry, rather than chaining onto a damaged file.
     */
    public static AuditLog open(Path path, Clock clock, boolean durable) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
        try {
            long seq = 0;
            String head = GENESIS;
            if (Files.exists(path)) {
                String last = lastLine(path);
                if (last != null) {
                    Entry entry = Entry.parse(last).orElseThrow(() -> new AuditLogException(
                            "the last line of audit log " + path + " is not a valid entry; run verify() and repair it"));
                    seq = entry.seq();
                    head = entry.hash();
                }
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new AuditLog(path, channel, clock, durable, seq, head);
        } catch (IOException e) {
            throw new AuditLogException("cannot open audit log " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one entry and returns its hash. {@code data} must be serialisable by Jackson;
     * map keys are written in sorted order.
     *
     * @throws AuditLogException if the line cannot be written (the chain is then unchanged)
     */
    public synchronized String append(String type, Map<String, ?> data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        ObjectNode body = JSON.createObjectNode();
        body.put("seq", seq + 1);
        body.put("time", clock.instant().toString());
        body.put("type", type);
        body.set("data", JSON.valueToTree(data));
        body.put("prev", head);
        String bodyText = write(body);
        String hash = sha256(bodyText);
        String line = bodyText.substring(0, bodyText.length() - 1) + ",\"hash\":\"" + hash + "\"}\n";
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (durable) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new AuditLogException("cannot append to audit log " + path + ": " + e.getMessage(), e);
        }
        seq++;
        head = hash;
        return hash;
    }

    /** The hash of the last entry, or {@link #GENESIS} for an empty log. */
    public synchronized String head() {
        return head;
    }

    /** How many entries the log holds. */
    public synchronized long size() {
        return seq;
    }

    /** Checks the whole chain of the log at {@code path}. */
    public static AuditVerification verify(Path path) {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String expectedPrev = GENESIS;
            long lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                var entry = Entry.parse(line);
                if (entry.isEmpty()) {
                    return new AuditVerification.Broken(lineNo, "not a well-formed audit entry");
                }
                if (!entry.get().hashMatches()) {
                    return new AuditVerification.Broken(lineNo, "content does not match its hash (edited)");
                }
                if (entry.get().seq() != lineNo || !entry.get().prev().equals(expectedPrev)) {
                    return new AuditVerification.Broken(lineNo, "expected entry " + lineNo + " chained to the previous"
                            + " line, found entry " + entry.get().seq() + " (an entry was removed or reordered)");
                }
                expectedPrev = entry.get().hash();
            }
            return new AuditVerification.Intact(lineNo, expectedPrev);
        } catch (IOException e) {
            throw new AuditLogException("cannot read audit log " + path + ": " + e.getMessage(), e);
        }
    }

    /** Checks the chain and that it still ends at {@code expectedHead}, which detects a cut-off tail. */
    public static AuditVerification verify(Path path, String expectedHead) {
        AuditVerification result = verify(path);
        if (result instanceof AuditVerification.Intact intact && !intact.head().equals(expectedHead)) {
            return new AuditVerification.Broken(intact.entries(),
                    "the log ends at entry " + intact.entries() + " but not at the expected head (entries were cut off)");
        }
        return result;
    }

    /** Reads every entry (seq, time, type, data, prev, hash) as JSON, in order, without verifying. */
    public static List<JsonNode> read(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8).stream().map(AuditLog::tree).toList();
        } catch (IOException e) {
            throw new AuditLogException("cannot read audit log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AuditLogException("audit line is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AuditLogException("audit data is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static String lastLine(Path path) throws IOException {
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                last = line;
            }
        }
        return last;
    }

    /** One parsed line: its hashed body, its stated hash, and the chain fields. */
    private record Entry(String body, String hash, long seq, String prev) {

        static Optional<Entry> parse(String line) {
            Matcher m = TAIL.matcher(line);
            if (!m.find()) {
                return Optional.empty();
            }
            String body = line.substring(0, m.start()) + "}";
            try {
                JsonNode node = JSON.readTree(body);
                if (!node.path("seq").canConvertToLong() || !node.path("prev").isTextual()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(body, m.group(1), node.get("seq").asLong(), node.get("prev").asText()));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        boolean hashMatches() {
            return sha256(body).equals(hash);
        }
    }

    /** The audit log cannot be opened, written or read. */
    public static final class AuditLogException extends PraxisException {
        private static final long serialVersionUID = 1L;

        AuditLogException(String message) {
            super(message);
        }

        AuditLogException(String message, Throwable cause) {
            super(message, cause, false);
        }
    }
}
