package dev.praxis.examples.offline;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates and times as people write them, read into ISO values ({@code 2026-12-03}, {@code 18:30}). */
final class Dates {

    static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    static final Pattern TIME_12H = Pattern.compile("\\b(1[0-2]|0?[1-9])(?::([0-5]\\d))?\\s*(am|pm)\\b");
    static final Pattern TIME_24H = Pattern.compile("\\b([01]?\\d|2[0-3]):([0-5]\\d)\\b");
    private static final Pattern RELATIVE = Pattern.compile(
            "\\b(day after tomorrow|today|tonight|tomorrow|in (\\d{1,3}) days?"
                    + "|(?:next |on |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b");
    private static final Pattern NOON = Pattern.compile("\\b(noon|midday|midnight)\\b");

    private Dates() {
    }

    static Optional<String> date(Text text, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        Optional<Matcher> iso = text.nextTemporal(ISO_DATE);
        if (iso.isPresent()) {
            try {
                return Optional.of(LocalDate.parse(iso.get().group()).toString());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return text.nextTemporal(RELATIVE).map(m -> relative(m, today).toString());
    }

    private static LocalDate relative(Matcher m, LocalDate today) {
        String phrase = m.group(1);
        if (phrase.equals("today") || phrase.equals("tonight")) {
            return today;
        }
        if (phrase.equals("tomorrow")) {
            return today.plusDays(1);
        }
        if (phrase.equals("day after tomorrow")) {
            return today.plusDays(2);
        }
        if (m.group(2) != null) {
            return today.plusDays(Integer.parseInt(m.group(2)));
        }
        DayOfWeek day = DayOfWeek.valueOf(m.group(3).toUpperCase(Locale.ROOT));
        return today.with(TemporalAdjusters.next(day));
    }

    static Optional<String> time(Text text) {
        Optional<Matcher> twelve = text.nextTemporal(TIME_12H);
        if (twelve.isPresent()) {
            Matcher m = twelve.get();
            int hour = Integer.parseInt(m.group(1)) % 12 + (m.group(3).equals("pm") ? 12 : 0);
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return Optional.of(LocalTime.of(hour, minute).toString());
        }
        Optional<Matcher> full = text.nextTemporal(TIME_24H);
        if (full.isPresent()) {
            return Optional.of(LocalTime.of(Integer.parseInt(full.get().group(1)),
                    Integer.parseInt(full.get().group(2))).toString());
        }
        return text.nextTemporal(NOON).map(m -> m.group(1).equals("midnight") ? "00:00" : "12:00");
    }
}
