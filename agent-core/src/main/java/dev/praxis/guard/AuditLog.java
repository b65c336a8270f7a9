package dev.praxis.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.PraxisException;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.MemoryException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.util.ArrayList;
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
 * <p>The plain chain proves integrity, not authenticity: someone who can rewrite the whole file
 * can recompute every hash, so ship {@link #head()} to a separate system, or key the chain
 * ({@link Protection#keyedChain}): each {@code hash} is then an HMAC-SHA256 under a key the
 * writer of the file does not hold, so an edited, removed or reordered entry is found even when
 * the rest of the chain was recomputed. {@link Protection#encrypted} seals each entry's
 * {@code data} (tool arguments, answers, personal data) at rest as {@code "sealed"}, bound to
 * the entry's position; {@code seq}, {@code time} and {@code type} stay readable:
 *
 * <pre>{@code
 * AuditLog.Protection protection = AuditLog.Protection.encrypted(keyRing).keyedChain(hmacKey);
 * try (AuditLog audit = AuditLog.open(path, Clock.systemUTC(), true, protection)) { ... }
 * AuditLog.verify(path, protection);                 // HMAC chain
 * List<JsonNode> entries = AuditLog.read(path, protection);   // data decrypted
 * }</pre>
 *
 * <p>One writer per file; thread-safe within it. Lines are forced to disk when {@code durable}
 * is set.
 */
public final class AuditLog implements AutoCloseable {

    /** The {@code prev} of the first line. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Pattern TAIL = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");
    private static final String KEYED = "hmac-sha256";

    private final Path path;
    private final FileChannel channel;
    private final Clock clock;
    private final boolean durable;
    private final Protection protection;
    private long seq;
    private String head;

    private AuditLog(Path path, FileChannel channel, Clock clock, boolean durable, Protection protection, long seq,
                     String head) {
        this.path = path;
        this.channel = channel;
        this.clock = clock;
        this.durable = durable;
        this.protection = protection;
        this.seq = seq;
        this.head = head;
    }

    /**
     * How entries are protected at rest: {@link #NONE} (plain data, SHA-256 chain), data sealed
     * with a {@link ContentCipher} ({@link #encrypted}), and/or an HMAC-SHA256 chain
     * ({@link #keyedChain}). Immutable; keys come from the application and are never written.
     */
    public static final class Protection {

        /** Plain data and a plain SHA-256 chain. */
        public static final Protection NONE = new Protection(ContentCipher.NONE, null);

        private final ContentCipher cipher;
        private final byte[] hmacKey;

        private Protection(ContentCipher cipher, byte[] hmacKey) {
            this.cipher = cipher;
            this.hmacKey = hmacKey;
        }

        /** Each entry's data sealed with {@code cipher} (AES-GCM, or a {@code KeyRing} for rotation). */
        public static Protection encrypted(ContentCipher cipher) {
            return new Protection(Objects.requireNonNull(cipher, "cipher"), null);
        }

        /**
         * This protection with the chain keyed: every hash an HMAC-SHA256 under {@code key}.
         *
         * @throws IllegalArgumentException if the key is shorter than 32 bytes
         */
        public Protection keyedChain(byte[] key) {
            if (Objects.requireNonNull(key, "key").length < 32) {
                throw new IllegalArgumentException("an HMAC chain key needs at least 32 bytes, got " + key.length);
            }
            return new Protection(cipher, key.clone());
        }

        boolean keyed() {
            return hmacKey != null;
        }

        String digest(String body) {
            if (hmacKey == null) {
                return sha256(body);
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
            }
        }

        @Override
        public String toString() {
            return "Protection[" + (cipher.encrypts() ? "encrypted" : "plain") + ", " + (keyed() ? "HMAC" : "SHA-256")
                    + " chain]";
        }
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
        return open(path, clock, durable, Protection.NONE);
    }

    /**
     * Opens (or creates) the log at {@code path} with {@code protection} and continues its chain.
     * Refuses a log whose last entry is damaged or was written under another chain key (or none).
     */
    public static AuditLog open(Path path, Clock clock, boolean durable, Protection protection) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(protection, "protection");
        try {
            long seq = 0;
            String head = GENESIS;
            if (Files.exists(path)) {
                String last = lastLine(path);
                if (last != null) {
                    Entry entry = Entry.parse(last).orElseThrow(() -> new AuditLogException(
                            "the last line of audit log " + path + " is not a valid entry; run verify() and repair it"));
                    if (entry.keyed() != protection.keyed() || !entry.hashMatches(protection)) {
                        throw new AuditLogException("the last entry of audit log " + path + " does not verify under "
                                + protection + "; open it with the protection it was written with");
                    }
                    seq = entry.seq();
                    head = entry.hash();
                }
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new AuditLog(path, channel, clock, durable, protection, seq, head);
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
        if (protection.cipher.encrypts()) {
            body.put("sealed", protection.cipher.encrypt(write(JSON.valueToTree(data)), context(seq + 1)));
        } else {
            body.set("data", JSON.valueToTree(data));
        }
        if (protection.keyed()) {
            body.put("chain", KEYED);
        }
        body.put("prev", head);
        String bodyText = write(body);
        String hash = protection.digest(bodyText);
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

    /** Checks the whole (plain SHA-256) chain of the log at {@code path}. */
    public static AuditVerification verify(Path path) {
        return verify(path, Protection.NONE);
    }

    /**
     * Checks the whole chain of the log at {@code path} as written with {@code protection}: with
     * a keyed chain, every entry must carry an HMAC under that key, so an entry edited, removed,
     * reordered or written without the key is found even if every later hash was recomputed.
     */
    public static AuditVerification verify(Path path, Protection protection) {
        Objects.requireNonNull(protection, "protection");
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String expectedPrev = GENESIS;
            long lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                var entry = Entry.parse(line);
                if (entry.isEmpty()) {
                    return new AuditVerification.Broken(lineNo, "not a well-formed audit entry");
                }
                if (entry.get().keyed() && !protection.keyed()) {
                    return new AuditVerification.Broken(lineNo, "the chain is keyed (HMAC-SHA256); verify it with its key");
                }
                if (!entry.get().keyed() && protection.keyed()) {
                    return new AuditVerification.Broken(lineNo, "the entry is not keyed (written without the chain key,"
                            + " or replaced)");
                }
                if (!entry.get().hashMatches(protection)) {
                    return new AuditVerification.Broken(lineNo, "content does not match its hash (edited"
                            + (protection.keyed() ? ", or another key)" : ")"));
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
        return verify(path, Protection.NONE, expectedHead);
    }

    /** {@link #verify(Path, Protection)}, and that the chain still ends at {@code expectedHead}. */
    public static AuditVerification verify(Path path, Protection protection, String expectedHead) {
        AuditVerification result = verify(path, protection);
        if (result instanceof AuditVerification.Intact intact && !intact.head().equals(expectedHead)) {
            return new AuditVerification.Broken(intact.entries(),
                    "the log ends at entry " + intact.entries() + " but not at the expected head (entries were cut off)");
        }
        return result;
    }

    /** Reads every entry (seq, time, type, data, prev, hash) as JSON, in order, without verifying. */
    public static List<JsonNode> read(Path path) {
        return read(path, Protection.NONE);
    }

    /**
     * Reads every entry, its {@code data} decrypted with {@code protection}'s cipher, in order,
     * without verifying the chain.
     *
     * @throws AuditLogException if a sealed entry cannot be decrypted (wrong key, moved or edited)
     */
    public static List<JsonNode> read(Path path, Protection protection) {
        Objects.requireNonNull(protection, "protection");
        try {
            List<JsonNode> entries = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                entries.add(open(tree(line), protection));
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new AuditLogException("cannot read audit log " + path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode open(JsonNode entry, Protection protection) {
        if (!entry.has("sealed")) {
            return entry;
        }
        ObjectNode opened = ((ObjectNode) entry).deepCopy();
        try {
            String plain = protection.cipher.decrypt(entry.path("sealed").asText(), context(entry.path("seq").asLong()));
            opened.set("data", tree(plain));
        } catch (MemoryException e) {
            throw new AuditLogException("cannot decrypt audit entry " + entry.path("seq").asLong() + ": " + e.getMessage(), e);
        }
        opened.remove("sealed");
        return opened;
    }

    private static String context(long seq) {
        return "audit-entry:" + seq;
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
    private record Entry(String body, String hash, long seq, String prev, boolean keyed) {

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
                return Optional.of(new Entry(body, m.group(1), node.get("seq").asLong(), node.get("prev").asText(),
                        KEYED.equals(node.path("chain").asText())));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        boolean hashMatches(Protection protection) {
            return MessageDigest.isEqual(protection.digest(body).getBytes(StandardCharsets.US_ASCII),
                    hash.getBytes(StandardCharsets.US_ASCII));
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
