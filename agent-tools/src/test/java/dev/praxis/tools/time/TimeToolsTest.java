package dev.praxis.tools.time;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TimeToolsTest {

    private final Toolbox toolbox = Toolbox.of(TimeTools.create(
            Clock.fixed(Instant.parse("2026-03-29T00:30:00Z"), ZoneOffset.UTC)));

    private String call(String tool, String json) {
        return toolbox.execute(new ToolCall("1", tool, json), ToolContext.NONE).text();
    }

    @Test
    void tellsTheTimeInAZone() {
        assertThat(call("time_now", "{\"zone\":\"Asia/Tokyo\"}")).isEqualTo("2026-03-29T09:30:00+09:00[Asia/Tokyo] (Sunday)");
        assertThat(call("time_now", "{}")).isEqualTo("2026-03-29T00:30:00Z[UTC] (Sunday)");
    }

    @Test
    void convertsAcrossZonesIncludingDaylightSavingChange() {
        assertThat(call("time_convert", "{\"datetime\":\"2026-03-29T00:30\",\"from_zone\":\"UTC\",\"to_zone\":\"Europe/Paris\"}"))
                .isEqualTo("2026-03-29T01:30:00+01:00[Europe/Paris] (Sunday)");
        assertThat(call("time_convert", "{\"datetime\":\"2026-03-29T01:30Z\",\"to_zone\":\"Europe/Paris\"}"))
                .isEqualTo("2026-03-29T03:30:00+02:00[Europe/Paris] (Sunday)");
    }

    @Test
    void addsPeriodsAndDurations() {
        assertThat(call("time_add", "{\"datetime\":\"2026-01-31\",\"amount\":\"P1M\"}")).startsWith("2026-02-28T00:00:00Z");
        assertThat(call("time_add", "{\"datetime\":\"2026-03-29T01:30\",\"from_zone\":\"Europe/Paris\",\"amount\":\"PT1H\"}"))
                .startsWith("2026-03-29T03:30:00+02:00[Europe/Paris]");
        assertThat(call("time_add", "{\"amount\":\"-P1D\"}")).startsWith("2026-03-28T00:30:00Z");
    }

    @Test
    void measuresTimeBetween() {
        assertThat(call("time_between", "{\"start\":\"2026-01-01\",\"end\":\"2026-03-15T12:00\"}"))
                .isEqualTo("period P2M14D (73 days); exact duration PT1764H (105840 minutes)");
    }

    @Test
    void explainsBadInput() {
        assertThat(call("time_now", "{\"zone\":\"Mars/Olympus\"}")).contains("not a time zone");
        assertThat(call("time_add", "{\"amount\":\"3 days\"}")).contains("not an ISO-8601 period");
        assertThat(call("time_between", "{\"start\":\"31/12/2026\",\"end\":\"2027-01-01\"}")).contains("yyyy-MM-dd");
        assertThat(toolbox.execute(new ToolCall("1", "time_convert", "{\"datetime\":\"2026-01-01\"}"), ToolContext.NONE))
                .isInstanceOf(ToolResult.Failed.class).extracting(ToolResult::text).asString().contains("to_zone");
    }
}
