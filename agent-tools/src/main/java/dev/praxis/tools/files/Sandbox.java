package dev.praxis.tools.files;

import dev.praxis.tool.ToolException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A directory the file tools may not leave. Paths from the model are relative, use {@code /},
 * and are checked twice: as text (no {@code ..}, no absolute or drive paths, no control
 * characters, no backslashes, no URLs) and on disk (the real path, after following every
 * symbolic link, must lie inside the root's real path). Immutable and thread-safe.
 *
 * <p>Threat model: the model (or text it read) chooses the path. A symlink created inside the
 * root by someone else between the check and the use (a race) is narrowed but not excluded:
 * final components are opened without following links; intermediate directories are not
 * re-checked atomically (Java has no {@code openat}).
 */
public final class Sandbox {

    private static final Pattern DRIVE_OR_URL = Pattern.compile("^[A-Za-z]:|^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final int MAX_PATH_CHARS = 1024;

    private final Path root;

    private Sandbox(Path root) {
        this.root = root;
    }

    /**
     * A sandbox at {@code root}, which must be an existing directory.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static Sandbox at(Path root) {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("sandbox root " + root + " is not a directory");
            }
            return new Sandbox(real);
        } catch (IOException e) {
            throw new IllegalArgumentException("sandbox root " + root + " does not exist", e);
        }
    }

    /** The real path of the root. */
    public Path root() {
        return root;
    }

    /** The real path of an existing file or directory inside the sandbox. */
    public Path existing(String path) {
        Path lexical = lexical(path);
        if (!Files.exists(lexical, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("'" + path + "' does not exist in the sandbox");
        }
        Path real = real(lexical, path);
        return real;
    }

    /**
     * Where a file may be written: inside the sandbox, not a symbolic link, not a directory or
     * special file. Missing parent directories are created (inside the sandbox only).
     */
    public Path writable(String path) {
        Path lexical = lexical(path);
        if (lexical.equals(root)) {
            throw new ToolException("'" + path + "' is the sandbox root, not a file");
        }
        Path parent = lexical.getParent();
        Path existingAncestor = parent;
        while (!Files.exists(existingAncestor, LinkOption.NOFOLLOW_LINKS)) {
            existingAncestor = existingAncestor.getParent();
        }
        real(existingAncestor, path);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ToolException("cannot create the directories of '" + path + "': " + e.getMessage());
        }
        Path realParent = real(parent, path);
        Path target = realParent.resolve(lexical.getFileName().toString());
        if (Files.isSymbolicLink(target)) {
            throw new ToolException("'" + path + "' is a symbolic link; the file tools do not write through links");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolException("'" + path + "' exists and is not a regular file");
        }
        return target;
    }

    /** The path relative to the root, with {@code /}, as the model should see it. */
    public String relative(Path real) {
        String text = root.relativize(real).toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }

    private Path lexical(String path) {
        if (path == null || path.isBlank()) {
            throw new ToolException("the path is empty; give a path relative to the sandbox root, e.g. 'notes/todo.txt'");
        }
        if (path.length() > MAX_PATH_CHARS) {
            throw new ToolException("the path is longer than " + MAX_PATH_CHARS + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new ToolException("the path contains a control character (code " + (int) path.charAt(i) + ")");
            }
        }
        if (path.indexOf('\\') >= 0) {
            throw new ToolException("'" + path + "' contains a backslash; separate directories with '/'");
        }
        if (path.startsWith("/") || path.startsWith("~")) {
            throw new ToolException("'" + path + "' is absolute; give a path relative to the sandbox root");
        }
        if (DRIVE_OR_URL.matcher(path).find()) {
            throw new ToolException("'" + path + "' is a drive path or URL; give a path relative to the sandbox root");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new ToolException("'" + path + "' contains '..'; paths may not leave the sandbox");
            }
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new ToolException("'" + path + "' lies outside the sandbox");
        }
        return resolved;
    }

    private Path real(Path lexical, String asked) {
        Path real;
        try {
            real = lexical.toRealPath();
        } catch (IOException e) {
            throw new ToolException("'" + asked + "' cannot be resolved (a broken link?): " + e.getClass().getSimpleName());
        } catch (UncheckedIOException e) {
            throw new ToolException("'" + asked + "' cannot be resolved");
        }
        if (!real.startsWith(root)) {
            throw new ToolException("'" + asked + "' leads outside the sandbox through a symbolic link");
        }
        return real;
    }
}
