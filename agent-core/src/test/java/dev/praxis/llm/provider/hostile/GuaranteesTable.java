package dev.praxis.llm.provider.hostile;

import dev.praxis.llm.provider.hostile.HostileProviderContractTest.Cell;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Renders the contract matrix as the markdown tables of docs/guarantees.md and target/. */
final class GuaranteesTable {

    private GuaranteesTable() {
    }

    /**
     * Scenario → status per client and mode. Deterministic, so the page's copy is compared;
     * measured milliseconds are in {@link #times}.
     */
    static String render(List<Cell> cells) {
        StringBuilder out = new StringBuilder("| scenario | formats | bare, blocking | bare, streaming"
                + " | decorated, blocking | decorated, streaming |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Cell>> row : byScenario(cells).entrySet()) {
            List<Cell> r = row.getValue();
            out.append("| ").append(row.getKey())
                    .append(" | ").append(r.stream().map(c -> c.dialect().name().toLowerCase())
                            .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", ")))
                    .append(" | ").append(statuses(r, false, false))
                    .append(" | ").append(statuses(r, false, true))
                    .append(" | ").append(statuses(r, true, false))
                    .append(" | ").append(statuses(r, true, true)).append(" |\n");
        }
        return out.toString();
    }

    /** Measured milliseconds per scenario: fastest and slowest cell, and the overrun past maxTime where there was one. */
    static String times(List<Cell> cells, Duration maxTime) {
        StringBuilder out = new StringBuilder("| scenario | fastest ms | slowest ms"
                + " | slowest past maxTime (" + maxTime.toMillis() + " ms) |\n|---|---|---|---|\n");
        long worst = Long.MIN_VALUE;
        for (Map.Entry<String, List<Cell>> row : byScenario(cells).entrySet()) {
            long min = row.getValue().stream().mapToLong(Cell::millis).min().orElse(0);
            long max = row.getValue().stream().mapToLong(Cell::millis).max().orElse(0);
            long over = max - maxTime.toMillis();
            worst = Math.max(worst, over);
            out.append("| ").append(row.getKey()).append(" | ").append(min).append(" | ").append(max).append(" | ")
                    .append(over > 0 ? over : "-").append(" |\n");
        }
        return out.append("\nlargest overrun past maxTime: ").append(Math.max(worst, 0)).append(" ms\n").toString();
    }

    private static Map<String, List<Cell>> byScenario(List<Cell> cells) {
        Map<String, List<Cell>> rows = new LinkedHashMap<>();
        for (Cell c : cells) {
            rows.computeIfAbsent(c.scenario().name(), k -> new java.util.ArrayList<>()).add(c);
        }
        return rows;
    }

    private static String statuses(List<Cell> row, boolean decorated, boolean streaming) {
        return row.stream().filter(c -> c.decorated() == decorated && c.streaming() == streaming)
                .map(c -> c.result() == null ? "THREW" : c.result().status().name())
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(" / "));
    }
}
