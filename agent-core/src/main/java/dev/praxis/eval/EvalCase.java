package dev.praxis.eval;

import java.util.List;

/**
 * One evaluation case: an input for the agent, reference answers (for BLEU, ROUGE-L and the
 * judge; may be empty) and the checks its answer must pass.
 *
 * @param id         unique within the suite
 * @param input      what the agent is asked
 * @param references acceptable answers, possibly none
 * @param checks     what the answer must satisfy; none means only completion counts
 */
public record EvalCase(String id, String input, List<String> references, List<Check> checks) {

    /** Rejects blank ids and inputs; copies the lists. */
    public EvalCase {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an eval case needs an id");
        }
        if (input == null) {
            throw new IllegalArgumentException("case '" + id + "' needs an input");
        }
        references = List.copyOf(references);
        checks = List.copyOf(checks);
    }
}
