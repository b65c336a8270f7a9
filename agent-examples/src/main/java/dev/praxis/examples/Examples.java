package dev.praxis.examples;

import dev.praxis.examples.assistant.Assistant;
import dev.praxis.examples.chain.ServiceChain;
import dev.praxis.examples.customer.CustomerService;
import dev.praxis.examples.evaluation.Evaluation;
import dev.praxis.examples.finance.FinanceMonitor;
import dev.praxis.examples.game.GameAi;
import dev.praxis.examples.home.SmartHome;
import dev.praxis.examples.learning.CartPoleLearning;
import dev.praxis.examples.medical.MedicalIntake;
import dev.praxis.examples.recommend.Recommend;
import dev.praxis.examples.tutor.Tutor;

import java.util.List;
import java.util.Optional;

/** Every example, in the order {@code praxis} runs them. */
public final class Examples {

    private Examples() {
    }

    /** All examples. */
    public static List<Example> all() {
        return List.of(new QuickStart(), new CustomerService(), new Assistant(), new ServiceChain(), new FinanceMonitor(),
                new CartPoleLearning(), new Evaluation(), new MedicalIntake(), new Tutor(), new SmartHome(), new GameAi(),
                new Recommend());
    }

    /** The example called {@code name}, if there is one. */
    public static Optional<Example> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The names, for help texts and errors. */
    public static List<String> names() {
        return all().stream().map(Example::name).toList();
    }
}
