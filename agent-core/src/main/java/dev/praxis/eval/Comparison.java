package dev.praxis.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Two agent configurations on the same suite, side by side.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(baseline.run(suite), candidate.run(suite));
 * Files.writeString(Path.of("compare.md"), MarkdownReport.render(c));
 * }</pre>
 *
 * @param a     the first configuration's run
 * @param b     the second configuration's run
 * @param cases per case, both outcomes, in the suite order of {@code a}
 */
public record Comparison(SuiteResult a, SuiteResult b, List<Pair> cases) {

    /** One case under both configurations. */
    public record Pair(CaseResult a, CaseResult b) {
        /** Which configuration did better on this case: {@code "a"}, {@code "b"} or {@code "tie"}. */
        public String winner() {
            if (a.passed() != b.passed()) {
                return a.passed() ? "a" : "b";
            }
            return "tie";
        }
    }

    /** Copies the list. */
    public Comparison {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        cases = List.copyOf(cases);
    }

    /**
     * Pairs the cases of two runs of the same suite by id.
     *
     * @throws IllegalArgumentException if the runs do not have the same case ids
     */
    public static Comparison of(SuiteResult a, SuiteResult b) {
        Map<String, CaseResult> byId = b.cases().stream()
                .collect(Collectors.toMap(CaseResult::caseId, Function.identity()));
        if (byId.size() != a.cases().size()) {
            throw new IllegalArgumentException("runs differ in size: " + a.cases().size() + " vs " + b.cases().size()
                    + " cases; compare runs of the same suite");
        }
        List<Pair> pairs = new ArrayList<>();
        for (CaseResult left : a.cases()) {
            CaseResult right = byId.get(left.caseId());
            if (right == null) {
                throw new IllegalArgumentException("case '" + left.caseId() + "' is missing from " + b.label());
            }
            pairs.add(new Pair(left, right));
        }
        return new Comparison(a, b, pairs);
    }

    /** Cases that {@code a} passed and {@code b} did not. */
    public long aWins() {
        return cases.stream().filter(p -> p.winner().equals("a")).count();
    }

    /** Cases that {@code b} passed and {@code a} did not. */
    public long bWins() {
        return cases.stream().filter(p -> p.winner().equals("b")).count();
    }
}
