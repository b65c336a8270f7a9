package dev.praxis.llm.local;

import dev.praxis.llm.LlmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Puts java-llama.cpp's native library where only this user can write and points the library's
 * loader at it ({@code de.kherud.llama.lib.path}), before the loader runs. Left alone, the loader
 * extracts into the shared temporary directory under a fixed name and prints a line to standard
 * output for it. The folder is {@code ~/.cache/praxis/natives/<hash>} (or {@code -Dpraxis.natives=DIR}),
 * owner-only where the file system supports it; a file is reused only when its bytes hash to the
 * folder's name. A path the user set already is kept.
 */
final class NativeLibrary {

    private static final Logger log = LoggerFactory.getLogger(NativeLibrary.class);
    private static final String PATH_PROPERTY = "de.kherud.llama.lib.path";
    private static boolean prepared;

    private NativeLibrary() {
    }

    /** Called before the first model loads; later calls do nothing. */
    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        String name = System.mapLibraryName("jllama");
        String resource = "/de/kherud/llama/" + platformFolder() + "/" + name;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                log.debug("no {} in the llama jar; its own loader extracts the library", resource);
                prepared = true;
                return;
            }
            byte[] bytes = in.readAllBytes();
            Path folder = root().resolve(hash(bytes));
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file) || !hash(Files.readAllBytes(file)).equals(folder.getFileName().toString())) {
                write(folder, file, bytes);
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            prepared = true;
            log.debug("llama.cpp native library at {}", file);
        } catch (IOException e) {
            throw new LlmException("could not place the llama.cpp native library: " + e.getMessage(), e, false);
        }
    }

    private static Path root() {
        String configured = System.getProperty("praxis.natives");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "praxis", "natives");
    }

    private static void write(Path folder, Path file, byte[] bytes) throws IOException {
        Files.createDirectories(folder);
        ownerOnly(folder);
        Path partial = Files.createTempFile(folder, "jllama", ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path folder) throws IOException {
        for (Path p = folder; p != null && p.startsWith(root()); p = p.getParent()) {
            if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    /** The folder java-llama.cpp's jar keeps this platform's library in. */
    private static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osFolder = os.contains("win") ? "Windows" : os.contains("mac") ? "Mac" : "Linux";
        String archFolder = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osFolder + "/" + archFolder;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
