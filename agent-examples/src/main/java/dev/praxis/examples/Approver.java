package dev.praxis.examples;

import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalRequest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Human-in-the-loop for the examples: asks the person at the keyboard ({@code praxis chat}),
 * or, when nobody is there ({@code praxis run}), applies a stand-in rule that the example
 * states and prints, so the demo can show both outcomes without pretending a person decided.
 *
 * <p>Fails closed: only {@code y} or {@code yes} approves. End of input, a time out, or any
 * other answer while a person is at the keyboard refuses the call; the stand-in rule is used
 * only when nobody was ever there to ask.
 */
public final class Approver implements ApprovalHandler {

    private static final Set<String> YES = Set.of("y", "yes");
    private static final Set<String> NO = Set.of("", "n", "no");

    private final Person person;
    private final PrintStream out;
    private final String standIn;
    private final Function<ApprovalRequest, ApprovalDecision> rule;

    /**
     * @param standIn what the rule does, in words ("a supervisor approves refunds up to 100 EUR")
     * @param rule    the decision when nobody is there to answer
     */
    public Approver(Person person, PrintStream out, String standIn, Function<ApprovalRequest, ApprovalDecision> rule) {
        this.person = person;
        this.out = out;
        this.standIn = standIn;
        this.rule = rule;
    }

    @Override
    public ApprovalDecision ask(ApprovalRequest request, String question) {
        Person.Reply reply = person.ask("    [approval needed] " + question + " [y/N] ");
        if (reply instanceof Person.Reply.Said said) {
            return decide(said.text(), question);
        }
        if (reply instanceof Person.Reply.Silent silent) {
            return refuse(question, silent.why());
        }
        return standIn(request, question);
    }

    private ApprovalDecision decide(String text, String question) {
        String answer = text.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(answer)) {
            out.println("    [approval] approved by you");
            return ApprovalDecision.allow();
        }
        if (NO.contains(answer)) {
            out.println("    [approval] refused by you");
            return ApprovalDecision.deny("a person refused: " + question);
        }
        return refuse(question, "the answer was neither y nor n");
    }

    private ApprovalDecision refuse(String question, String why) {
        out.println("    [approval] refused: " + why);
        return ApprovalDecision.deny("no approval (" + why + "): " + question);
    }

    private ApprovalDecision standIn(ApprovalRequest request, String question) {
        ApprovalDecision decision = rule.apply(request);
        out.println("    [approval] " + question + " -> " + (decision instanceof ApprovalDecision.Allow ? "approved" : "refused")
                + " (stand-in: " + standIn + ")");
        return decision;
    }
}
