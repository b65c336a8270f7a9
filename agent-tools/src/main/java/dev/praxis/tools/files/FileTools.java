package dev.praxis.tools.files;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tools.internal.JsonTool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * File tools confined to a {@link Sandbox}: {@code read_file}, {@code list_files},
 * {@code search_files} (read-only) and {@code write_file} (WRITE, atomic).
 *
 * <pre>{@code
 * List<Tool> files = FileTools.sandboxedAt(Path.of("workspace"));               // all four
 * List<Tool> viewer = FileTools.builder(Path.of("docs")).readOnly().build();     // no write_file
 * }</pre>
 *
 * <p>Limits: reads above {@code maxReadBytes} (default 256 KiB) and writes above
 * {@code maxWriteBytes} (default 1 MiB) are refused; only regular files are read (no devices,
 * pipes or sockets); binary files (containing NUL bytes) are refused; listing and search stop
 * after {@code maxEntries} (default 500) entries and never follow symbolic links.
 */
public final class FileTools {

    private final Sandbox sandbox;
    private final long maxReadBytes;
    private final long maxWriteBytes;
    private final int maxEntries;

    private FileTools(Builder b) {
        this.sandbox = Sandbox.at(b.root);
        this.maxReadBytes = b.maxReadBytes;
        this.maxWriteBytes = b.maxWriteBytes;
        this.maxEntries = b.maxEntries;
    }

    /** All four tools on a sandbox at {@code root}, with default limits. */
    public static List<Tool> sandboxedAt(Path root) {
        return builder(root).build();
    }

    /** Configures file tools on a sandbox at {@code root} (an existing directory). */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    private Tool read() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("path", "file path relative to the sandbox root, e.g. 'notes/todo.txt'")
                .required("path").build();
        return new JsonTool("read_file", "Reads a UTF-8 text file inside the sandbox (at most " + maxReadBytes
                + " bytes).", schema, SideEffect.READ_ONLY, (args, context) -> readText(args.string("path")));
    }

    private String readText(String path) {
        Path file = sandbox.existing(path);
        if (Files.isDirectory(file)) {
            throw new ToolException("'" + path + "' is a directory; use list_files");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("'" + path + "' is not a regular file (a device, pipe or socket); refusing to read it");
        }
        try {
            long size = Files.size(file);
            if (size > maxReadBytes) {
                throw new ToolException("'" + path + "' has " + size + " bytes, above the read limit of " + maxReadBytes
                        + "; use search_files to find the part you need");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes((int) maxReadBytes + 1);
            }
            if (bytes.length > maxReadBytes) {
                throw new ToolException("'" + path + "' grew above the read limit of " + maxReadBytes + " bytes while reading");
            }
            for (byte b : bytes) {
                if (b == 0) {
                    throw new ToolException("'" + path + "' is a binary file; only text files can be read");
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolException("cannot read '" + path + "': " + e.getClass().getSimpleName(), true);
        }
    }

    private Tool list() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("path", "directory relative to the sandbox root; '.' for the root")
                .addBooleanProperty("recursive", "also list subdirectories (default false)")
                .build();
        return new JsonTool("list_files", "Lists a directory inside the sandbox: one entry per line, "
                + "'dir', 'file <bytes>' or 'link' and the path.", schema, SideEffect.READ_ONLY,
                (args, context) -> listing(args.optionalString("path").orElse("."), args.bool("recursive", false)));
    }

    private String listing(String path, boolean recursive) {
        Path dir = sandbox.existing(path);
        if (!Files.isDirectory(dir)) {
            throw new ToolException("'" + path + "' is not a directory; use read_file");
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> entries = recursive ? Files.walk(dir) : Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries.filter(p -> !p.equals(dir)).sorted()::iterator) {
                if (lines.size() == maxEntries) {
                    lines.add("[stopped after " + maxEntries + " entries; list a subdirectory to see more]");
                    break;
                }
                lines.add(describe(entry));
            }
        } catch (IOException e) {
            throw new ToolException("cannot list '" + path + "': " + e.getClass().getSimpleName(), true);
        }
        return lines.isEmpty() ? "(empty directory)" : String.join("\n", lines);
    }

    private String describe(Path entry) throws IOException {
        String name = sandbox.relative(entry);
        if (Files.isSymbolicLink(entry)) {
            return "link " + name;
        }
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "dir  " + name;
        }
        return Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? "file " + Files.size(entry) + " " + name
                : "special " + name;
    }

    private Tool search() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("text", "text to find (case-insensitive)")
                .addStringProperty("path", "directory to search, relative to the sandbox root (default '.')")
                .required("text").build();
        return new JsonTool("search_files", "Finds lines containing a text in the sandbox's text files; answers "
                + "'path:line: content' per match.", schema, SideEffect.READ_ONLY,
                (args, context) -> new FileSearch(sandbox, maxReadBytes, maxEntries)
                        .find(args.string("text"), args.optionalString("path").orElse(".")));
    }

    private Tool write() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("path", "file path relative to the sandbox root")
                .addStringProperty("content", "the complete new content of the file (UTF-8 text)")
                .required("path", "content").build();
        return new JsonTool("write_file", "Creates or replaces a text file inside the sandbox, atomically.",
                schema, SideEffect.WRITE, (args, context) -> writeText(args.string("path"),
                        args.optionalString("content").orElse("")));
    }

    private String writeText(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxWriteBytes) {
            throw new ToolException("the content has " + bytes.length + " bytes, above the write limit of " + maxWriteBytes);
        }
        Path target = sandbox.writable(path);
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), ".praxis-", ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return "wrote " + bytes.length + " bytes to " + sandbox.relative(target);
        } catch (IOException e) {
            throw new ToolException("cannot write '" + path + "': " + e.getClass().getSimpleName(), true);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp file is hidden and named .praxis-*.tmp; leaving it is harmless
                }
            }
        }
    }

    /** Configures {@link FileTools}. */
    public static final class Builder {
        private final Path root;
        private long maxReadBytes = 256 * 1024;
        private long maxWriteBytes = 1024 * 1024;
        private int maxEntries = 500;
        private boolean readOnly;

        private Builder(Path root) {
            this.root = root;
        }

        /** The largest file {@code read_file} and {@code search_files} read. */
        public Builder maxReadBytes(long bytes) {
            this.maxReadBytes = positive(bytes, "maxReadBytes");
            return this;
        }

        /** The largest content {@code write_file} writes. */
        public Builder maxWriteBytes(long bytes) {
            this.maxWriteBytes = positive(bytes, "maxWriteBytes");
            return this;
        }

        /** The most entries (or matches) one listing or search returns. */
        public Builder maxEntries(int entries) {
            this.maxEntries = (int) positive(entries, "maxEntries");
            return this;
        }

        /** Leaves out {@code write_file}. */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /** The tools. */
        public List<Tool> build() {
            FileTools tools = new FileTools(this);
            return readOnly ? List.of(tools.read(), tools.list(), tools.search())
                    : List.of(tools.read(), tools.list(), tools.search(), tools.write());
        }

        private static long positive(long value, String name) {
            if (value <= 0 || value > Integer.MAX_VALUE - 1) {
                throw new IllegalArgumentException(name + " must be between 1 and " + (Integer.MAX_VALUE - 1));
            }
            return value;
        }
    }

}
