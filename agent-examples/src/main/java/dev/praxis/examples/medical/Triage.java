package dev.praxis.examples.medical;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The intake's triage rules, checked in order; the first that matches sets the urgency. They
 * are illustrative rules for a demonstration, not clinical guidance. Red-flag symptoms never
 * reach these rules in the conversation: recording one hands the patient to a nurse first
 * (see {@link MedicalIntake}).
 */
final class Triage {

    /** How urgently to seek care, most urgent first. */
    enum Level {
        /** Call emergency services now. */
        EMERGENCY("call your local emergency number now"),
        /** See a doctor today. */
        TODAY("see a doctor or an urgent care service today"),
        /** Book a GP appointment in the next few days. */
        SOON("book an appointment with your GP in the next few days"),
        /** Rest and look after yourself; see a GP if it gets worse. */
        SELF_CARE("rest, drink fluids and see a GP if it gets worse or is not better within a week");

        final String advice;

        Level(String advice) {
            this.advice = advice;
        }
    }

    /** A recorded symptom: what, for how many days, how severe (1-10). */
    record Symptom(String name, long days, long severity) {
    }

    /** One rule: a name people can audit, a condition over the recorded symptoms, the level it sets. */
    record Rule(String name, Predicate<List<Symptom>> applies, Level level) {
    }

    /** Symptoms that always go to a person (chest pain could be a heart attack, slurred speech a stroke). */
    static final List<String> RED_FLAGS = List.of("chest pain", "shortness of breath", "difficulty breathing",
            "slurred speech", "face drooping", "severe bleeding", "confusion", "fainting", "stiff neck");

    /** Symptoms the intake knows by name (the offline mode's vocabulary); others are recorded as given. */
    static final List<String> KNOWN = List.of("headache", "fever", "cough", "sore throat", "runny nose", "nausea",
            "vomiting", "diarrhoea", "back pain", "rash", "earache", "tiredness", "dizziness", "stomach ache",
            "chest pain", "shortness of breath", "difficulty breathing", "slurred speech", "face drooping",
            "severe bleeding", "confusion", "fainting", "stiff neck");

    static final List<Rule> RULES = List.of(
            new Rule("red flag", all -> all.stream().anyMatch(s -> redFlag(s.name()).isPresent()), Level.EMERGENCY),
            new Rule("severe (8 or more of 10)", all -> all.stream().anyMatch(s -> s.severity() >= 8), Level.TODAY),
            new Rule("fever for 3 days or more", all -> all.stream()
                    .anyMatch(s -> s.name().contains("fever") && s.days() >= 3), Level.TODAY),
            new Rule("lasting more than a week", all -> all.stream().anyMatch(s -> s.days() > 7), Level.SOON),
            new Rule("several symptoms of 5 or more", all -> all.stream().filter(s -> s.severity() >= 5).count() >= 2,
                    Level.SOON),
            new Rule("mild and recent", all -> true, Level.SELF_CARE));

    private Triage() {
    }

    /** The red flag {@code symptom} names, if it names one. */
    static Optional<String> redFlag(String symptom) {
        String text = symptom.toLowerCase(Locale.ROOT);
        return RED_FLAGS.stream().filter(text::contains).findFirst();
    }

    /** The first rule that applies to {@code symptoms}. */
    static Rule apply(List<Symptom> symptoms) {
        return RULES.stream().filter(r -> r.applies().test(symptoms)).findFirst().orElseThrow();
    }
}
