package dev.praxis.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The actions an environment accepts, and how to read one from a model's text.
 *
 * @param <A> the action type
 */
public sealed interface ActionSpace<A> {

    /**
     * Reads an action from text a model wrote.
     *
     * @throws ActionParseException if the text names no valid action, or more than one
     */
    A parse(String text);

    /** A short description of the valid actions, for a prompt. */
    String describe();

    /** A fixed set of actions, named by {@code toString()} (for enums, their names). */
    static <A> Discrete<A> of(List<A> actions) {
        return new Discrete<>(actions);
    }

    /** Free text: the whole answer is the action. */
    static Text text() {
        return new Text();
    }

    /**
     * A finite set of actions. Parsing matches action names as whole words, ignoring case, so
     * {@code "I push LEFT."} reads as {@code LEFT}; text naming two different actions is rejected.
     *
     * @param values the actions, in a fixed order (Q-tables index them by position)
     */
    record Discrete<A>(List<A> values) implements ActionSpace<A> {

        /** Copies the actions; rejects an empty list and duplicate names. */
        public Discrete {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a discrete action space needs at least one action");
            }
            long names = values.stream().map(v -> v.toString().toLowerCase(Locale.ROOT)).distinct().count();
            if (names != values.size()) {
                throw new IllegalArgumentException("action names must be distinct ignoring case: " + values);
            }
        }

        /** The number of actions. */
        public int size() {
            return values.size();
        }

        /** The position of {@code action} in {@link #values()}. */
        public int indexOf(A action) {
            int index = values.indexOf(action);
            if (index < 0) {
                throw new IllegalArgumentException("not an action of this space: " + action + "; valid: " + values);
            }
            return index;
        }

        @Override
        public A parse(String text) {
            Objects.requireNonNull(text, "text");
            List<A> found = new ArrayList<>();
            for (A action : values) {
                Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(action.toString())
                        + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                Matcher matcher = word.matcher(text);
                if (matcher.find()) {
                    found.add(action);
                }
            }
            if (found.size() == 1) {
                return found.get(0);
            }
            throw new ActionParseException(found.isEmpty()
                    ? "no valid action in the answer; expected exactly one of " + describe()
                    : "the answer names several actions " + found + "; expected exactly one of " + describe());
        }

        @Override
        public String describe() {
            return values.toString();
        }
    }

    /** Free-text actions: the trimmed answer itself; only blank text is rejected. */
    record Text() implements ActionSpace<String> {

        @Override
        public String parse(String text) {
            if (text == null || text.isBlank()) {
                throw new ActionParseException("the answer is empty; expected a text answer");
            }
            return text.strip();
        }

        @Override
        public String describe() {
            return "a free-text answer";
        }
    }
}
