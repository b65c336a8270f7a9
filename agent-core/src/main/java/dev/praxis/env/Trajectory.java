package dev.praxis.env;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.praxis.memory.Experience;
import dev.praxis.memory.ExperienceStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The record of one episode or agent run: its steps, rewards, timings and the feedback it
 * received. Immutable; {@link #withFeedback} returns a copy.
 *
 * @param id        the run or episode id (an agent run keeps its run id)
 * @param task      what the run was asked to do, as text (for finding similar experience)
 * @param origin    where the record came from
 * @param steps     the steps, in order
 * @param feedback  judgements given after the run, oldest first
 * @param startedAt when the run began
 * @param duration  how long it took
 * @param session   the session the run belonged to, {@code ""} for none; runs of one session share
 *                  context, so {@link FineTuning#split} keeps them on one side
 */
public record Trajectory(String id, String task, Origin origin, List<TrajectoryStep> steps, List<Feedback> feedback,
                         Instant startedAt, Duration duration, String session) {

    /** Where a trajectory came from. */
    public enum Origin {
        /** An episode of an {@link Environment}. */
        EPISODE,
        /** A run of an agent, recorded from its events. */
        AGENT_RUN,
        /** A demonstration imported from a chat transcript (imitation data). */
        DEMONSTRATION
    }

    /** A trajectory outside any session. */
    public Trajectory(String id, String task, Origin origin, List<TrajectoryStep> steps, List<Feedback> feedback,
                      Instant startedAt, Duration duration) {
        this(id, task, origin, steps, feedback, startedAt, duration, "");
    }

    /** Rejects nulls; copies the lists. */
    public Trajectory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(origin, "origin");
        steps = List.copyOf(steps);
        feedback = List.copyOf(feedback);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(session, "session");
    }

    /** The sum of the steps' rewards. */
    public double totalReward() {
        return steps.stream().mapToDouble(TrajectoryStep::reward).sum();
    }

    /** The mean feedback score, if any feedback was given. */
    public OptionalDouble feedbackScore() {
        return feedback.stream().mapToDouble(Feedback::score).average();
    }

    /**
     * This trajectory as an episode for the memory module's {@link ExperienceStore}: its task, one
     * line per step (the action), SUCCEEDED when the total reward is at least
     * {@code successReward}, the mean feedback (0 if none) and the time it finished. An
     * {@code Experience} keeps one feedback score, so convert after the feedback is in:
     *
     * <pre>{@code
     * experienceStore.record(scope, trajectoryStore.feedback(runId, 1.0, "correct").toExperience(1.0));
     * var replay = ExperienceReplay.from(experienceStore, scope);
     * }</pre>
     */
    public Experience toExperience(double successReward) {
        return new Experience(task, steps.stream().map(TrajectoryStep::action).toList(),
                totalReward() >= successReward ? Experience.Outcome.SUCCEEDED : Experience.Outcome.FAILED,
                feedbackScore().orElse(0), startedAt.plus(duration));
    }

    /**
     * This trajectory as JSON text, what a {@link TrajectoryStore} keeps: every field, each step's
     * messages and prompt (LangChain4j's message JSON) and the tools offered.
     */
    public String toJson() {
        return TrajectoryJson.write(this);
    }

    /**
     * The trajectory in {@code json}, as {@link #toJson()} wrote it.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static Trajectory fromJson(String json) {
        return TrajectoryJson.read(json);
    }

    /** This trajectory with {@code more} feedback appended. */
    public Trajectory withFeedback(Feedback more) {
        List<Feedback> all = new ArrayList<>(feedback);
        all.add(Objects.requireNonNull(more, "more"));
        return new Trajectory(id, task, origin, steps, all, startedAt, duration, session);
    }

    /**
     * The whole conversation as the model saw it. When the steps hold their prompts (agent runs
     * recorded by {@link TrajectoryRecorder}): the first prompt (system prompt, earlier turns of the
     * session, the input), then each step's messages, with whatever a later prompt added beyond
     * them (such as a request to answer now). Otherwise: the first system message once, then every
     * other message of every step in order.
     */
    public List<ChatMessage> conversation() {
        if (!steps.isEmpty() && steps.get(0).prompt().known()) {
            List<ChatMessage> all = new ArrayList<>();
            for (TrajectoryStep step : steps) {
                List<ChatMessage> seen = step.prompt().messages();
                if (seen.size() > all.size() && seen.subList(0, all.size()).equals(all)) {
                    all.addAll(seen.subList(all.size(), seen.size()));
                }
                all.addAll(step.messages());
            }
            return all;
        }
        List<ChatMessage> all = new ArrayList<>();
        SystemMessage system = null;
        for (TrajectoryStep step : steps) {
            for (ChatMessage message : step.messages()) {
                if (message instanceof SystemMessage s) {
                    system = system == null ? s : system;
                } else {
                    all.add(message);
                }
            }
        }
        if (system != null) {
            all.add(0, system);
        }
        return all;
    }
}
