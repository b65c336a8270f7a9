package dev.praxis.examples.home;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenes scheduled for a time of day (read from the clock when scheduled). {@link #dueBy}
 * hands out, once each, the scenes whose time has come; the example runs them through the same toolbox as the agent's
 * own calls, so a scheduled action needs the same approval. Thread-safe.
 */
public final class Schedule {

    private record Entry(HomeDevices.Scene scene, LocalDateTime at) {
    }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();

    /** A schedule reading the time from {@code clock}. */
    public Schedule(Clock clock) {
        this.clock = clock;
    }

    @Tool(name = "schedule_scene", value = "Schedules a scene for a time of day today or, if that time has passed,"
            + " tomorrow (at 22:30 run NIGHT, every evening, later)")
    @SideEffects(SideEffect.WRITE)
    public synchronized String scheduleScene(@P("the scene") HomeDevices.Scene scene, @P("the time, HH:MM") String time) {
        LocalTime at;
        try {
            at = LocalTime.parse(time.strip());
        } catch (DateTimeParseException e) {
            throw new ToolException("'" + time + "' is not a time such as 22:30");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime when = now.toLocalDate().atTime(at);
        entries.add(new Entry(scene, when.isAfter(now) ? when : when.plusDays(1)));
        return "scheduled " + scene + " for " + entries.get(entries.size() - 1).at();
    }

    /** The scenes due by {@code now}, each returned once, in time order. */
    public synchronized List<HomeDevices.Scene> dueBy(LocalDateTime now) {
        List<Entry> ready = entries.stream().filter(e -> !e.at().isAfter(now))
                .sorted(java.util.Comparator.comparing(Entry::at)).toList();
        entries.removeAll(ready);
        return ready.stream().map(Entry::scene).toList();
    }
}
