package dev.praxis.examples.medical;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.Person;
import dev.praxis.guard.AuditLog;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Set;

/**
 * The human behind the intake. A run that pauses for a hand-off (a red flag, or the patient
 * asking for a person) is put to the nurse on duty: the person at the keyboard in
 * {@code praxis chat}, else a stand-in who takes every hand-off (stated on the output). Only
 * {@code y} or {@code yes} from a person takes over; silence or any other answer declines, and
 * the model is told to send the patient to emergency services. The decision is audited and
 * the run resumes with it. Thread-safe if the person is.
 */
final class NurseOnDuty implements Agent {

    private static final Set<String> YES = Set.of("y", "yes");
    static final String STAND_IN = "stand-in: the nurse on duty takes every hand-off";
    static final String SCREENED = "You mentioned a symptom that needs a person: the nurse on duty has been alerted and"
            + " takes over now. If it is severe, call your local emergency number.";

    private final LlmAgent agent;
    private final Person person;
    private final PrintStream out;
    private final AuditLog audit;

    NurseOnDuty(LlmAgent agent, Person person, PrintStream out, AuditLog audit) {
        this.agent = agent;
        this.person = person;
        this.out = out;
        this.audit = audit;
    }

    /**
     * {@code listener}, minus the pause of a run handed to the nurse: that run goes on when the
     * nurse decides, and how it ends then is what the listener hears.
     */
    static AgentListener withoutHandOffPauses(AgentListener listener) {
        return event -> {
            if (!(event instanceof AgentEvent.Stopped stopped && stopped.result().status() == Status.AWAITING_APPROVAL)) {
                listener.on(event);
            }
        };
    }

    @Override
    public AgentResult run(AgentRequest request) {
        AgentResult result = agent.run(request);
        boolean handedOver = false;
        while (result.status() == Status.AWAITING_APPROVAL) {
            handedOver = true;
            out.println("    [paused] " + result.reason());
            Map<String, ApprovalDecision> decisions = new LinkedHashMap<>();
            for (PendingApproval pending : agent.pendingApprovals(result.runId())) {
                decisions.put(pending.key(), decide(result.runId(), pending));
            }
            result = agent.resume(result.runId(), decisions);
        }
        return handedOver ? result : screen(request.input(), result);
    }

    /**
     * The red-flag screen behind the model: a message naming a red flag that the run did not
     * hand over (the model answered without recording it) is handed over anyway, so escalation
     * never depends on the model's judgement.
     */
    private AgentResult screen(String input, AgentResult result) {
        var flag = Triage.redFlag(input);
        if (flag.isEmpty()) {
            return result;
        }
        audit.append("handoff", Map.of("run", result.runId(), "by", "red-flag screen", "flag", flag.get()));
        // printed as well: a chat shows the model's streamed words, not this addition to the result
        out.println("    [red-flag screen] " + flag.get() + " mentioned but not handed over. " + SCREENED);
        return result.withOutput(result.output() + "\n" + SCREENED);
    }

    private ApprovalDecision decide(String runId, PendingApproval pending) {
        Person.Reply reply = person.ask("    [nurse] " + pending.question() + " - take over? [y/N] ");
        boolean yes = reply instanceof Person.Reply.Nobody
                || reply instanceof Person.Reply.Said said && YES.contains(said.text().strip().toLowerCase(Locale.ROOT));
        String by = reply instanceof Person.Reply.Nobody ? STAND_IN
                : reply instanceof Person.Reply.Silent silent ? "no answer: " + silent.why() : "nurse";
        audit.append("handoff_decision", Map.of("run", runId, "tool", pending.call().name(), "by", by,
                "decision", yes ? "taken over" : "declined"));
        out.println("    [nurse] " + (yes ? "takes over" : "declines") + " (" + by + ")");
        return yes ? ApprovalDecision.allow()
                : ApprovalDecision.deny("the nurse on duty cannot take over right now: tell the patient to call the local"
                        + " emergency number if this is an emergency");
    }
}
