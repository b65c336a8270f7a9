package dev.praxis.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How answers cite passages: by source id in square brackets, one or several per bracket
 * ({@code [refunds#0]}, {@code [refunds#0, shipping#2]}). Markdown links ({@code [text](url)})
 * are not citations.
 */
public final class Citations {

    private static final Pattern BRACKET = Pattern.compile("\\[([^\\[\\]\\n]{1,1000})\\](?!\\()");
    private static final Pattern SEPARATOR = Pattern.compile("[,;]");

    private Citations() {
    }

    /** Whether {@code id} can be cited unambiguously: 1..200 characters, no whitespace, brackets, commas or semicolons. */
    public static boolean isCitable(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || c == '[' || c == ']' || c == ',' || c == ';') {
                return false;
            }
        }
        return true;
    }

    /** Every source id {@code answer} cites, in order of first citation, without repeats. */
    public static List<String> markers(String answer) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = BRACKET.matcher(answer);
        while (m.find()) {
            for (String part : SEPARATOR.split(m.group(1))) {
                String id = part.strip();
                if (isCitable(id)) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The passages of {@code available} that {@code answer} cites, in order of first citation;
     * where several share a source id, the first.
     */
    public static List<Passage> cited(String answer, List<Passage> available) {
        Map<String, Passage> byId = new LinkedHashMap<>();
        for (Passage p : available) {
            byId.putIfAbsent(p.sourceId(), p);
        }
        List<Passage> cited = new ArrayList<>();
        for (String id : markers(answer)) {
            Passage p = byId.get(id);
            if (p != null) {
                cited.add(p);
            }
        }
        return List.copyOf(cited);
    }

    /** The source ids {@code answer} cites that none of {@code available} has: invented or mistyped citations. */
    public static List<String> unknown(String answer, List<Passage> available) {
        Set<String> known = new LinkedHashSet<>();
        available.forEach(p -> known.add(p.sourceId()));
        return markers(answer).stream().filter(id -> !known.contains(id)).toList();
    }
}
