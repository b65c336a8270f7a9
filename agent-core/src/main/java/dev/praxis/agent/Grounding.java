package dev.praxis.agent;

import dev.praxis.knowledge.Citations;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.knowledge.internal.PassageJson;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An agent's use of its {@link Retrieval}: passages into a new run's prompt (inject), the
 * knowledge tool in its toolbox (tool), and the passages its answer cites. Immutable, shared by
 * the agent's runs.
 */
final class Grounding {

    static final Grounding NONE = new Grounding(null);

    private final Retrieval retrieval;

    Grounding(Retrieval retrieval) {
        this.retrieval = retrieval;
    }

    /** The tool the model searches with, when retrieval is a tool. */
    Optional<Tool> tool() {
        return retrieval instanceof Retrieval.AsTool asTool ? Optional.of(asTool.tool()) : Optional.empty();
    }

    /**
     * Retrieves for the run's input and puts the passages into its prompt, when retrieval is
     * injected and the run has none yet (a resumed run keeps what its checkpoint holds).
     * A failing retriever throws: the run then ends FAILED naming it.
     */
    void prepare(Run run) {
        if (retrieval instanceof Retrieval.Inject inject && !run.hasKnowledge()) {
            List<Passage> passages = inject.passagesFor(run.input());
            if (!passages.isEmpty()) {
                run.know(passages, inject.message(passages));
            }
        }
    }

    /** The passages of {@code answer}'s citations among what the run retrieved. */
    List<Passage> citations(String answer, List<Passage> injected, List<Step> steps) {
        if (retrieval == null || answer.isEmpty()) {
            return List.of();
        }
        List<Passage> retrieved = new ArrayList<>(injected);
        String toolName = tool().map(Tool::name).orElse(null);
        for (Step step : steps) {
            for (int i = 0; i < step.results().size() && i < step.calls().size(); i++) {
                if (step.calls().get(i).name().equals(toolName) && step.results().get(i) instanceof ToolResult.Ok ok) {
                    retrieved.addAll(PassageJson.inToolAnswer(ok.content()));
                }
            }
        }
        return Citations.cited(answer, retrieved);
    }
}
