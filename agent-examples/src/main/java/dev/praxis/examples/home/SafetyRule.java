package dev.praxis.examples.home;

import dev.praxis.examples.Person;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalRequest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * The house's safety guardrail, around whatever approves the other actions: unlocking the
 * door or switching off the alarm (directly, or through a scene that does) runs only when a
 * person says yes, now. No standing rule, stand-in, schedule or model can approve it; with
 * nobody to ask, or any answer but yes, it is denied. Thread-safe if the person is.
 */
final class SafetyRule implements ApprovalHandler {

    static final Set<String> CRITICAL_TOOLS = Set.of("unlock_door", "disarm_alarm");

    private final ApprovalHandler others;
    private final Person person;
    private final PrintStream out;

    /** Guards {@code others}: critical calls go to {@code person}, the rest to {@code others}. */
    SafetyRule(ApprovalHandler others, Person person, PrintStream out) {
        this.others = others;
        this.person = person;
        this.out = out;
    }

    @Override
    public ApprovalDecision ask(ApprovalRequest request, String question) {
        if (!critical(request)) {
            return others.ask(request, question);
        }
        Person.Reply reply = person.ask("    [safety] " + question + " This opens the house. Allow? [y/N] ");
        boolean yes = reply instanceof Person.Reply.Said said
                && Set.of("y", "yes").contains(said.text().strip().toLowerCase(Locale.ROOT));
        String outcome = yes ? "approved by you"
                : reply instanceof Person.Reply.Nobody ? "refused: nobody is there to approve it"
                : reply instanceof Person.Reply.Silent silent ? "refused: " + silent.why() : "refused by you";
        out.println("    [safety] " + request.call().name() + " " + outcome);
        return yes ? ApprovalDecision.allow() : ApprovalDecision.deny(
                "unlocking the door or switching off the alarm needs a person's approval, which was not given");
    }

    /** Whether the call unlocks the door or disarms the alarm, itself or through a scene. */
    static boolean critical(ApprovalRequest request) {
        String name = request.call().name();
        if (CRITICAL_TOOLS.contains(name)) {
            return true;
        }
        return name.equals("run_scene") && HomeDevices.Scene.valueOf(sceneOf(request.call().arguments()))
                .settings.entrySet().stream().anyMatch(e -> e.getValue().equals("unlocked") || e.getValue().equals("disarmed"));
    }

    private static String sceneOf(String arguments) {
        var m = java.util.regex.Pattern.compile("\"scene\"\\s*:\\s*\"(\\w+)\"").matcher(arguments);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "ARRIVE"; // unreadable: treat as the riskiest scene
    }
}
