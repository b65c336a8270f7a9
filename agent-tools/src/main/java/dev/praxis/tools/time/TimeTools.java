package dev.praxis.tools.time;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tools.internal.Args;
import dev.praxis.tools.internal.JsonTool;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Date and time tools (all READ_ONLY): {@code time_now} (now in a zone), {@code time_convert}
 * (a date-time from one zone to another), {@code time_add} (add an ISO-8601 period or duration
 * such as {@code P1M2D} or {@code PT90M}) and {@code time_between} (the difference of two
 * date-times). Date-times are ISO-8601: {@code 2026-03-29T01:30} (local, with a {@code zone}
 * argument) or with an offset or zone ({@code 2026-03-29T01:30+01:00[Europe/Paris]}). Zones
 * are IANA ids. The clock is injectable for tests.
 */
public final class TimeTools {

    private final Clock clock;

    private TimeTools(Clock clock) {
        this.clock = clock;
    }

    /** The tools on the system clock. */
    public static List<Tool> create() {
        return create(Clock.systemUTC());
    }

    /** The tools on {@code clock}. */
    public static List<Tool> create(Clock clock) {
        TimeTools t = new TimeTools(clock);
        return List.of(t.now(), t.convert(), t.add(), t.between());
    }

    private Tool now() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("zone", "IANA time zone, e.g. 'Europe/Paris'; default UTC").build();
        return new JsonTool("time_now", "The current date and time in a time zone.", schema, SideEffect.READ_ONLY,
                (args, context) -> format(ZonedDateTime.now(clock.withZone(zone(args.optionalString("zone").orElse("UTC"))))));
    }

    private Tool convert() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("datetime", "ISO-8601 date-time, e.g. '2026-07-01T09:00'")
                .addStringProperty("from_zone", "zone of a local date-time (ignored if the date-time has one)")
                .addStringProperty("to_zone", "target IANA zone")
                .required("datetime", "to_zone").build();
        return new JsonTool("time_convert", "Converts a date-time to another time zone.", schema, SideEffect.READ_ONLY,
                (args, context) -> format(parse(args).withZoneSameInstant(zone(args.string("to_zone")))));
    }

    private Tool add() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("datetime", "ISO-8601 date or date-time; default now")
                .addStringProperty("from_zone", "zone of a local date-time; default UTC")
                .addStringProperty("amount", "ISO-8601 period or duration to add, e.g. 'P2W', 'P1M', 'PT36H', '-P1D'")
                .required("amount").build();
        return new JsonTool("time_add", "Adds (or with a leading '-', subtracts) a period or duration.", schema,
                SideEffect.READ_ONLY, (args, context) -> plus(args));
    }

    private Tool between() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("start", "ISO-8601 date or date-time")
                .addStringProperty("end", "ISO-8601 date or date-time")
                .addStringProperty("zone", "zone of local values; default UTC")
                .required("start", "end").build();
        return new JsonTool("time_between", "The time between two dates or date-times: calendar period and exact "
                + "duration.", schema, SideEffect.READ_ONLY, (args, context) -> {
                    ZoneId zone = zone(args.optionalString("zone").orElse("UTC"));
                    ZonedDateTime start = parse(args.string("start"), zone);
                    ZonedDateTime end = parse(args.string("end"), zone);
                    Period period = Period.between(start.toLocalDate(), end.toLocalDate());
                    Duration exact = Duration.between(start, end);
                    return "period " + period + " (" + ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate())
                            + " days); exact duration " + exact + " (" + exact.toMinutes() + " minutes)";
                });
    }

    private String plus(Args args) {
        ZoneId zone = zone(args.optionalString("from_zone").orElse("UTC"));
        ZonedDateTime start = args.optionalString("datetime").map(text -> parse(text, zone))
                .orElseGet(() -> ZonedDateTime.now(clock.withZone(zone)));
        String amount = args.string("amount").strip().toUpperCase();
        boolean negative = amount.startsWith("-");
        String unsigned = negative ? amount.substring(1) : amount;
        try {
            if (unsigned.contains("T")) {
                Duration duration = Duration.parse(unsigned);
                return format(negative ? start.minus(duration) : start.plus(duration));
            }
            Period period = Period.parse(unsigned);
            return format(negative ? start.minus(period) : start.plus(period));
        } catch (DateTimeParseException e) {
            throw new ToolException("amount '" + amount + "' is not an ISO-8601 period or duration such as P1D, P2W, "
                    + "P1M or PT90M");
        } catch (DateTimeException | ArithmeticException e) {
            throw new ToolException("the result is out of range: " + e.getMessage());
        }
    }

    private static ZonedDateTime parse(Args args) {
        return parse(args.string("datetime"), zone(args.optionalString("from_zone").orElse("UTC")));
    }

    private static ZonedDateTime parse(String text, ZoneId zone) {
        String value = text.strip();
        try {
            return ZonedDateTime.parse(value);
        } catch (DateTimeParseException notZoned) {
            try {
                return LocalDateTime.parse(value).atZone(zone);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone);
                } catch (DateTimeParseException notDate) {
                    throw new ToolException("'" + text + "' is not an ISO-8601 date or date-time; use yyyy-MM-dd or "
                            + "yyyy-MM-ddTHH:mm[:ss][+01:00][[Europe/Paris]]");
                }
            }
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new ToolException("'" + id + "' is not a time zone; use an IANA id such as 'America/New_York' or 'UTC'");
        }
    }

    private static String format(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ISO_ZONED_DATE_TIME) + " (" + time.getDayOfWeek().toString().charAt(0)
                + time.getDayOfWeek().toString().substring(1).toLowerCase() + ")";
    }
}
