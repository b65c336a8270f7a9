package dev.praxis.examples.chain;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.Passage;
import dev.praxis.team.Blackboard;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.util.ArrayList;
import java.util.List;

/**
 * The three desks of the briefing chain. Each tool works on the team's shared
 * {@link Blackboard}: the researcher puts findings there, the writer drafts from them and
 * from the reviewer's last review, the reviewer checks the draft against a checklist.
 */
public final class BriefingTools {

    /** The findings of the research, with their sources. */
    public record Finding(String topic, String text, String source) {
    }

    /** All findings, best match first. */
    public record Findings(List<Finding> items) {
    }

    /** The reviewer's verdict on a draft. */
    public record Review(boolean approved, List<String> missing, String comment) {
    }

    static final Blackboard.Key<Findings> FINDINGS = Blackboard.Key.of("research", "findings", Findings.class);
    static final Blackboard.Key<String> DRAFT = Blackboard.Key.of("writing", "draft", String.class);
    static final Blackboard.Key<Review> REVIEW = Blackboard.Key.of("review", "latest", Review.class);

    private BriefingTools() {
    }

    /** The researcher's tool. */
    public static final class Research {
        private final Knowledge notes;
        private final Blackboard board;

        /** Researches in {@code notes}, writing to {@code board}. */
        public Research(Knowledge notes, Blackboard board) {
            this.notes = notes;
            this.board = board;
        }

        @Tool(name = "research", value = "Researches a topic in the product notes and puts the findings on the team's"
                + " blackboard (find out, gather facts, background for a briefing)")
        @SideEffects(SideEffect.WRITE)
        public String research(@P("the topic to research") String topic) {
            List<Finding> found = new ArrayList<>();
            for (Passage p : notes.search(topic, 7)) {
                found.add(new Finding(p.source().substring(p.source().indexOf('#') + 1), p.text(), p.source()));
            }
            board.write(FINDINGS, new Findings(found), "researcher");
            return found.size() + " findings on the blackboard for a briefing: "
                    + String.join(", ", found.stream().map(Finding::topic).toList());
        }
    }

    /** The writer's tool. */
    public static final class Writing {
        private static final int FIRST_DRAFT_FINDINGS = 3;
        private final Blackboard board;

        /** Writes from and to {@code board}. */
        public Writing(Blackboard board) {
            this.board = board;
        }

        @Tool(name = "draft_briefing", value = "Writes the briefing draft from the research findings on the blackboard,"
                + " and revises it after the reviewer's feedback (write, draft, compose, revise)")
        @SideEffects(SideEffect.WRITE)
        public String draftBriefing(@P("instructions for the draft") String instructions) {
            List<Finding> findings = board.read(FINDINGS).map(Findings::items).orElseThrow(() ->
                    new ToolException("there are no findings on the blackboard yet: research first"));
            List<Finding> chosen = new ArrayList<>(findings.subList(0, Math.min(FIRST_DRAFT_FINDINGS, findings.size())));
            List<String> missing = board.read(REVIEW).map(Review::missing).orElse(List.of());
            for (String topic : missing) {
                findings.stream().filter(f -> f.topic().contains(topic) && !chosen.contains(f)).findFirst()
                        .ifPresent(chosen::add);
            }
            StringBuilder draft = new StringBuilder("Briefing:");
            for (Finding f : chosen) {
                draft.append(' ').append(firstSentence(f.text())).append(" [").append(f.source()).append(']');
            }
            board.write(DRAFT, draft.toString(), "writer");
            return draft.toString();
        }

        private static String firstSentence(String text) {
            int end = text.indexOf(". ");
            return end < 0 ? text : text.substring(0, end + 1);
        }
    }

    /** The reviewer's tool. */
    public static final class Reviewing {
        private final Blackboard board;
        private final List<String> required;
        private final int maxWords;
        private static final java.util.regex.Pattern CITATION = java.util.regex.Pattern.compile("\\[[\\w.-]+#([\\w-]+)]");

        /** Checks drafts on {@code board} for the {@code required} topics and a length limit. */
        public Reviewing(Blackboard board, List<String> required, int maxWords) {
            this.board = board;
            this.required = List.copyOf(required);
            this.maxWords = maxWords;
        }

        @Tool(name = "review_draft", value = "Reviews the briefing draft against the checklist: required topics,"
                + " cited sources, length (review, check, approve or send back)")
        @SideEffects(SideEffect.WRITE)
        public String reviewDraft() {
            String draft = board.read(DRAFT).orElseThrow(() -> new ToolException("there is no draft to review yet"));
            // a topic is covered when the draft cites a finding on it
            List<String> cited = CITATION.matcher(draft).results().map(m -> m.group(1)).toList();
            List<String> missing = required.stream()
                    .filter(topic -> cited.stream().noneMatch(source -> source.contains(topic))).toList();
            int words = draft.replaceAll("\\[[^]]*]", "").split("\\s+").length;
            boolean ok = missing.isEmpty() && !cited.isEmpty() && words <= maxWords;
            String comment = ok ? "APPROVED: covers " + required + ", cites its sources, " + words + " words"
                    : "REVISE: " + (missing.isEmpty() ? "" : "cover " + missing + "; ") + (cited.isEmpty() ? "cite sources; " : "")
                    + (words <= maxWords ? "" : "cut to " + maxWords + " words (now " + words + ")");
            board.write(REVIEW, new Review(ok, missing, comment), "reviewer");
            return comment;
        }
    }
}
