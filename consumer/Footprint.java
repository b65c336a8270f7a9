import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks the resolved runtime classpath of each Praxis artifact against footprint.txt: every jar
 * must be listed there (none sneaks in), every listed jar must still come (the file stays true),
 * the total must fit the budget, and Jackson must come in one minor version. Prints a table
 * (also written as markdown to DIR/artifacts.md for docs/artifacts.md).
 *
 * <p>Usage: {@code java Footprint.java footprint.txt DIR REPO artifact...}, where DIR/artifact/runtime.txt
 * is the output of {@code dependency:list -DoutputAbsoluteArtifactFilename=true}.
 */
public class Footprint {

    record Budget(double maxMb, Set<String> allowed) {
    }

    record Jar(String key, String version, Path file) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Budget> budgets = budgets(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("| artifact | jars | runtime classpath | budget |\n|---|---:|---:|---:|\n");
        System.out.printf("%-20s %5s %10s %10s%n", "artifact", "jars", "MB", "budget");
        for (int i = 3; i < args.length; i++) {
            String artifact = args[i];
            Budget budget = budgets.get(artifact);
            List<Jar> jars = jars(dir.resolve(artifact).resolve("runtime.txt"));
            if (budget == null) {
                failures.add(artifact + " has no budget: add this block (or a not-for-users line) to"
                        + " consumer/footprint.txt, with a maximum a little above what it brings now:\n"
                        + proposal(artifact, jars));
                continue;
            }
            long bytes = 0;
            Set<String> found = new TreeSet<>();
            Map<String, String> jackson = new TreeMap<>();
            for (Jar jar : jars) {
                bytes += Files.size(jar.file());
                found.add(jar.key());
                if (jar.key().startsWith("com.fasterxml.jackson")) {
                    jackson.put(jar.key(), minor(jar.version()));
                }
            }
            for (String key : found) {
                if (!budget.allowed().contains(key) && !key.equals("dev.praxis:" + artifact)) {
                    failures.add(artifact + " now brings " + key + ": not in its footprint.txt list");
                }
            }
            for (String key : budget.allowed()) {
                if (!found.contains(key)) {
                    failures.add(artifact + " no longer brings " + key + ": remove it from footprint.txt");
                }
            }
            double mb = bytes / 1e6;
            if (mb > budget.maxMb()) {
                failures.add(String.format("%s brings %.2f MB, over its budget of %.2f MB", artifact, mb, budget.maxMb()));
            }
            if (new TreeSet<>(jackson.values()).size() > 1) {
                failures.add(artifact + " resolves mixed Jackson versions: " + jackson);
            }
            System.out.printf("%-20s %5d %10.2f %10.2f%n", artifact, jars.size(), mb, budget.maxMb());
            table.append(String.format("| `%s` | %d | %.1f MB | %.1f MB |%n", artifact, jars.size(), mb, budget.maxMb()));
        }
        Files.writeString(dir.resolve("artifacts.md"), table);
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("footprint check FAILED: " + f));
            System.exit(1);
        }
        System.out.println("footprint check passed");
    }

    private static String proposal(String artifact, List<Jar> jars) throws IOException {
        long bytes = 0;
        Set<String> keys = new TreeSet<>();
        for (Jar jar : jars) {
            bytes += Files.size(jar.file());
            if (!jar.key().equals("dev.praxis:" + artifact)) {
                keys.add("  " + jar.key());
            }
        }
        return String.format("artifact %s %.1f%n%s", artifact, bytes / 1e6, String.join("\n", keys));
    }

    private static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static List<Jar> jars(Path list) throws IOException {
        List<Jar> jars = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String entry = line.trim().split("\\s+")[0];
            String[] parts = entry.split(":");
            if (parts.length < 6 || !parts[parts.length - 1].startsWith("/")) {
                continue;   // the header, blank lines
            }
            String version = parts[parts.length - 3];
            jars.add(new Jar(parts[0] + ":" + parts[1], version, Path.of(parts[parts.length - 1])));
        }
        return jars;
    }

    private static Map<String, Budget> budgets(Path file) throws IOException {
        Map<String, Budget> budgets = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("not-for-users") || line.startsWith("unchecked")) {
                continue;
            }
            if (line.startsWith("artifact ")) {
                String[] words = line.split("\\s+");
                current = words[1];
                budgets.put(current, new Budget(Double.parseDouble(words[2]), new TreeSet<>()));
            } else if (current != null) {
                budgets.get(current).allowed().add(line);
            } else {
                throw new IllegalArgumentException(file + ": '" + line + "' before any 'artifact' line");
            }
        }
        return budgets;
    }
}
