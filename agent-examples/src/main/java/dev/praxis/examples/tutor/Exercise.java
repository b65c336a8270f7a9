package dev.praxis.examples.tutor;

import java.util.List;

/**
 * One exercise of the bank: two operands and an operation of one skill. The right answer is
 * computed, never typed in, and {@link #diagnose} names the classic mistake an answer shows.
 */
record Exercise(int id, Skill skill, Fraction a, Fraction b) {

    /** What an exercise practises. */
    enum Skill {
        /** a/b + c/d. */
        ADDING_FRACTIONS("adding fractions"),
        /** p% of n. */
        PERCENTAGES("percentages"),
        /** a/b x c/d. */
        MULTIPLYING_FRACTIONS("multiplying fractions");

        final String label;

        Skill(String label) {
            this.label = label;
        }
    }

    static final List<Exercise> BANK = List.of(
            new Exercise(1, Skill.ADDING_FRACTIONS, Fraction.of(1, 2), Fraction.of(1, 3)),
            new Exercise(2, Skill.ADDING_FRACTIONS, Fraction.of(2, 5), Fraction.of(1, 10)),
            new Exercise(3, Skill.ADDING_FRACTIONS, Fraction.of(3, 4), Fraction.of(1, 6)),
            new Exercise(4, Skill.PERCENTAGES, Fraction.of(25, 1), Fraction.of(80, 1)),
            new Exercise(5, Skill.PERCENTAGES, Fraction.of(15, 1), Fraction.of(40, 1)),
            new Exercise(6, Skill.PERCENTAGES, Fraction.of(10, 1), Fraction.of(45, 1)),
            new Exercise(7, Skill.MULTIPLYING_FRACTIONS, Fraction.of(2, 3), Fraction.of(3, 4)),
            new Exercise(8, Skill.MULTIPLYING_FRACTIONS, Fraction.of(3, 5), Fraction.of(5, 6)));

    /** The question as the learner reads it. */
    String question() {
        return switch (skill) {
            case ADDING_FRACTIONS -> a + " + " + b;
            case PERCENTAGES -> a + "% of " + b;
            case MULTIPLYING_FRACTIONS -> a + " x " + b;
        };
    }

    /** The right answer, computed. */
    Fraction answer() {
        return switch (skill) {
            case ADDING_FRACTIONS -> a.plus(b);
            case PERCENTAGES -> a.times(b).times(Fraction.of(1, 100));
            case MULTIPLYING_FRACTIONS -> a.times(b);
        };
    }

    /** The mistake a wrong {@code given} answer shows, in words. */
    String diagnose(Fraction given) {
        if (skill == Skill.ADDING_FRACTIONS
                && given.equals(Fraction.of(a.numerator() + b.numerator(), a.denominator() + b.denominator()))) {
            return "added the numerators and the denominators";
        }
        if (skill == Skill.PERCENTAGES && given.equals(b.times(Fraction.of(a.denominator(), a.numerator())))) {
            return "divided the number by the percentage instead of taking that part of it";
        }
        if (skill == Skill.MULTIPLYING_FRACTIONS && given.equals(Fraction.of(a.numerator() * b.numerator(),
                a.denominator() + b.denominator()))) {
            return "added the denominators instead of multiplying them";
        }
        return "a calculation slip";
    }

    static Exercise byId(int id) {
        return BANK.stream().filter(e -> e.id() == id).findFirst().orElseThrow(
                () -> new IllegalArgumentException("there is no exercise " + id + "; exercises are 1-" + BANK.size()));
    }
}
