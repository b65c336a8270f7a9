package dev.praxis.spring.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.spring.PraxisApprovals;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The approvals endpoint ({@code praxis.web.approvals.path}, default {@code /praxis/approvals}):
 * {@code GET} lists the runs waiting for a person, {@code GET /{runId}} shows one, and
 * {@code POST /{runId}} with {@code {"decision":"approve"}}, {@code {"decision":"deny","reason":"..."}},
 * {@code {"decision":"edit","arguments":{...}}} or {@code {"decision":"answer","answer":"..."}}
 * (plus {@code "key"} to decide one call of several) resumes the run and answers with how it
 * ended. Served on the application's own server and behind its Spring Security, if any.
 */
@RestController
@RequestMapping("${praxis.web.approvals.path:/praxis/approvals}")
public class ApprovalsController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PraxisApprovals approvals;

    /** An endpoint over {@code approvals}. */
    public ApprovalsController(PraxisApprovals approvals) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
    }

    /** A run waiting for a person, as the endpoint shows it. */
    public record WaitingRun(String runId, String agent, String input, List<Call> pending) {
    }

    /** A call waiting for a decision. */
    public record Call(String key, String tool, String arguments, String question, Instant expiresAt) {
    }

    /**
     * A person's decision.
     *
     * @param decision  {@code approve}, {@code deny}, {@code edit} or {@code answer}
     * @param reason    why a call is denied (required for {@code deny})
     * @param arguments the arguments an edited call runs with (required for {@code edit})
     * @param answer    the text an {@code ask_human} call returns (required for {@code answer})
     * @param key       the one pending call this decides; absent decides every pending call
     */
    public record DecisionRequest(String decision, String reason, Map<String, Object> arguments, String answer,
                                  String key) {
    }

    /** How a resumed run ended, or that it waits again. */
    public record Outcome(String runId, String status, String output, String reason, List<Call> pending) {
    }

    /** Every run waiting for a decision. */
    @GetMapping
    public List<WaitingRun> waiting() {
        return approvals.waiting().stream().map(ApprovalsController::view).toList();
    }

    /** The run {@code runId} if it waits for a decision, else 404. */
    @GetMapping("/{runId}")
    public ResponseEntity<WaitingRun> waiting(@PathVariable String runId) {
        return ResponseEntity.of(approvals.waiting(runId).map(ApprovalsController::view));
    }

    /**
     * Applies the decision and resumes the run on this request's thread.
     *
     * @throws PraxisApprovals.NotWaitingException (404) if the run waits for nothing
     * @throws BadDecisionException (400) if the decision is malformed
     */
    @PostMapping("/{runId}")
    public Outcome decide(@PathVariable String runId, @RequestBody DecisionRequest request) {
        ApprovalDecision decision = decision(request);
        AgentResult result = request.key() == null ? approvals.decide(runId, decision)
                : approvals.decide(runId, Map.of(request.key(), decision));
        List<Call> pending = approvals.waiting(runId).map(r -> view(r).pending()).orElse(List.of());
        return new Outcome(result.runId(), result.status().name(), result.output(), result.reason(), pending);
    }

    @ExceptionHandler(PraxisApprovals.NotWaitingException.class)
    ResponseEntity<Map<String, String>> notWaiting(PraxisApprovals.NotWaitingException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(BadDecisionException.class)
    ResponseEntity<Map<String, String>> badDecision(BadDecisionException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static ApprovalDecision decision(DecisionRequest request) {
        String kind = request.decision() == null ? "" : request.decision();
        return switch (kind) {
            case "approve" -> ApprovalDecision.allow();
            case "deny" -> ApprovalDecision.deny(required(request.reason(), "deny needs a \"reason\" for the model"));
            case "edit" -> ApprovalDecision.edit(json(required(request.arguments(), "edit needs the new \"arguments\" object")));
            case "answer" -> ApprovalDecision.answer(required(request.answer(), "answer needs the \"answer\" text"));
            default -> throw new BadDecisionException("\"decision\" must be approve, deny, edit or answer, got '"
                    + kind + "'");
        };
    }

    private static <T> T required(T value, String message) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new BadDecisionException(message);
        }
        return value;
    }

    private static String json(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new BadDecisionException("\"arguments\" cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static WaitingRun view(PraxisApprovals.WaitingRun run) {
        return new WaitingRun(run.runId(), run.agent(), run.input(),
                run.pending().stream().map(ApprovalsController::view).toList());
    }

    private static Call view(PendingApproval pending) {
        return new Call(pending.key(), pending.call().name(), pending.call().arguments(), pending.question(),
                pending.expiresAt());
    }

    /** A decision the endpoint cannot apply: answered with HTTP 400 and the reason. */
    static final class BadDecisionException extends dev.praxis.PraxisException {

        private static final long serialVersionUID = 1L;

        BadDecisionException(String message) {
            super(message);
        }
    }
}
