package dev.praxis.examples;

import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalRequest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * Human-in-the-loop for the examples: asks the person at the keyboard ({@code praxis chat}),
 * or, when nobody is there ({@code praxis run}), applies a stand-in rule that the example
 * states and prints, so the demo can show both outcomes without pretending a person decided.
 */
public final class Approver implements ApprovalHandler {

    private final Person person;
    private final PrintStream out;
    private final String standIn;
    private final Function<ApprovalRequest, ApprovalDecision> rule;

    /**
     * @param standIn what the rule does, in words ("a supervisor approves refunds up to 100 EUR")
     * @param rule    the decision when nobody answers
     */
    public Approver(Person person, PrintStream out, String standIn, Function<ApprovalRequest, ApprovalDecision> rule) {
        this.person = person;
        this.out = out;
        this.standIn = standIn;
        this.rule = rule;
    }

    @Override
    public ApprovalDecision ask(ApprovalRequest request, String question) {
        var answer = person.ask("    [approval needed] " + question + " [y/N] ");
        if (answer.isPresent()) {
            boolean yes = answer.get().strip().toLowerCase(Locale.ROOT).startsWith("y");
            out.println("    [approval] " + (yes ? "approved" : "refused") + " by you");
            return yes ? ApprovalDecision.allow() : ApprovalDecision.deny("a person refused: " + question);
        }
        ApprovalDecision decision = rule.apply(request);
        out.println("    [approval] " + question + " -> " + (decision instanceof ApprovalDecision.Allow ? "approved" : "refused")
                + " (stand-in: " + standIn + ")");
        return decision;
    }
}
