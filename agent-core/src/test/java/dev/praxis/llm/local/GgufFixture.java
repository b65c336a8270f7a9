package dev.praxis.llm.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: copies a GGUF (v2/v3) file with one string metadata key added or replaced.
 *
 * <p>Layout per the GGUF spec, all little-endian: magic {@code GGUF}, version u32, tensor count u64,
 * key/value count u64, the key/values (u64-length string key, u32 value type, value), the tensor
 * infos (name, u32 dimension count, u64 dimensions, u32 tensor type, u64 offset relative to the data
 * section), zero padding up to {@code general.alignment} (32 when absent), then the tensor data.
 * Tensor infos and data are copied verbatim; only the padding before the data is recomputed, since
 * the key/value section changes length.
 */
final class GgufFixture {

    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    private static final int UINT32 = 4;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    private static final int DEFAULT_ALIGNMENT = 32;

    /** One metadata entry as it lies on disk (key, type and value), with its decoded key and type. */
    record Entry(String key, int type, byte[] raw) {
    }

    /** A parsed file: its header, metadata, the raw tensor infos and where the aligned data section starts. */
    record Layout(int version, long tensorCount, List<Entry> entries, byte[] tensorInfos, int alignment,
                  int dataStart) {
    }

    private GgufFixture() {
    }

    /** Writes {@code target}: {@code source} with {@code key} set to the string {@code value}. */
    static Path withString(Path source, Path target, String key, String value) throws IOException {
        byte[] file = Files.readAllBytes(source);
        Layout layout = parse(file);
        List<Entry> entries = new ArrayList<>();
        for (Entry entry : layout.entries()) {
            if (!entry.key().equals(key)) {
                entries.add(entry);
            }
        }
        entries.add(stringEntry(key, value));
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 4096);
        out.write(MAGIC);
        out.write(littleEndian(4).putInt(layout.version()).array());
        out.write(littleEndian(8).putLong(layout.tensorCount()).array());
        out.write(littleEndian(8).putLong(entries.size()).array());
        for (Entry entry : entries) {
            out.write(entry.raw());
        }
        out.write(layout.tensorInfos());
        out.write(new byte[padding(out.size(), layout.alignment())]);
        out.write(file, layout.dataStart(), file.length - layout.dataStart());
        return Files.write(target, out.toByteArray());
    }

    /** The string-valued metadata of {@code file}, in file order. */
    static Map<String, String> strings(Path file) throws IOException {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Entry entry : parse(Files.readAllBytes(file)).entries()) {
            if (entry.type() == STRING) {
                ByteBuffer value = littleEndian(entry.raw()).position(8 + utf8(entry.key()).length + 4);
                strings.put(entry.key(), readString(value));
            }
        }
        return strings;
    }

    /** Parses the header, metadata and tensor infos; rejects anything that is not GGUF v2 or v3. */
    static Layout parse(byte[] file) {
        ByteBuffer in = littleEndian(file);
        byte[] magic = new byte[4];
        in.get(magic);
        int version = in.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || version < 2 || version > 3) {
            throw new IllegalArgumentException("not a GGUF v2/v3 file (version " + version + ")");
        }
        long tensorCount = in.getLong();
        long entryCount = in.getLong();
        List<Entry> entries = new ArrayList<>();
        int alignment = DEFAULT_ALIGNMENT;
        for (long i = 0; i < entryCount; i++) {
            int start = in.position();
            String key = readString(in);
            int type = in.getInt();
            int valueStart = in.position();
            skipValue(in, type);
            if (key.equals("general.alignment") && type == UINT32) {
                alignment = in.getInt(valueStart);
            }
            entries.add(new Entry(key, type, java.util.Arrays.copyOfRange(file, start, in.position())));
        }
        int infoStart = in.position();
        for (long i = 0; i < tensorCount; i++) {
            readString(in);
            int dims = in.getInt();
            in.position(in.position() + dims * 8 + 4 + 8);
        }
        byte[] infos = java.util.Arrays.copyOfRange(file, infoStart, in.position());
        int dataStart = in.position() + padding(in.position(), alignment);
        return new Layout(version, tensorCount, List.copyOf(entries), infos, alignment, dataStart);
    }

    private static void skipValue(ByteBuffer in, int type) {
        switch (type) {
            case 0, 1, 7 -> in.position(in.position() + 1);     // u8, i8, bool
            case 2, 3 -> in.position(in.position() + 2);        // u16, i16
            case 4, 5, 6 -> in.position(in.position() + 4);     // u32, i32, f32
            case 10, 11, 12 -> in.position(in.position() + 8);  // u64, i64, f64
            case STRING -> readString(in);
            case ARRAY -> {
                int elementType = in.getInt();
                long count = in.getLong();
                for (long i = 0; i < count; i++) {
                    skipValue(in, elementType);
                }
            }
            default -> throw new IllegalArgumentException("unknown GGUF value type " + type + " at " + in.position());
        }
    }

    private static Entry stringEntry(String key, String value) {
        byte[] k = utf8(key);
        byte[] v = utf8(value);
        ByteBuffer raw = littleEndian(8 + k.length + 4 + 8 + v.length)
                .putLong(k.length).put(k).putInt(STRING).putLong(v.length).put(v);
        return new Entry(key, STRING, raw.array());
    }

    private static String readString(ByteBuffer in) {
        long length = in.getLong();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("GGUF string length " + length + " at " + in.position()
                    + " runs past the end of the file");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int padding(int position, int alignment) {
        return (alignment - position % alignment) % alignment;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
