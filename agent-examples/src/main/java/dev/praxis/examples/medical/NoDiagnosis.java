package dev.praxis.examples.medical;

import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.GuardContext;
import dev.praxis.guard.GuardDecision;
import dev.praxis.guard.Guardrail;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The intake's output guardrail: an answer never presents itself as a diagnosis and always
 * carries the disclaimer. An answer that names what the patient has ("you have pneumonia",
 * "this sounds like a migraine", "my diagnosis is ...") is replaced by a refusal (keeping the
 * offline mode's label); any other answer gets {@link #DISCLAIMER}
 * appended if it lacks it. Each replacement is recorded in
 * the audit log (without the replaced text). Thread-safe.
 */
final class NoDiagnosis implements Guardrail {

    static final String DISCLAIMER = "(This service records symptoms and suggests how urgently to seek care; it is not"
            + " a diagnosis or medical advice. In an emergency call your local emergency number.)";
    static final String REFUSAL = "I can't tell you what condition you have: only a clinician who examines you can"
            + " do that. I can record your symptoms and tell you how urgently to seek care.";

    private static final Pattern DIAGNOSING = Pattern.compile("(?i)\\b(?:"
            + "you(?:'ve| have| probably have| likely have| may have| might have| could have| are suffering from)"
            + "(?! (?:had|been|told|said|reported|recorded|mentioned|described|asked)\\b)"
            + "|(?:it|this|that)(?:'s| is| sounds| looks| seems)(?: like| probably| likely| most likely)+"
            + "|diagnos(?:is|ed|e)\\b|consistent with|symptoms of (?:a |an )?[a-z]+itis)");

    private final AuditLog audit;

    NoDiagnosis(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public GuardDecision check(String text, GuardContext context) {
        String answer = text.replace(DISCLAIMER, "").strip();
        if (DIAGNOSING.matcher(answer).find()) {
            audit.append("guardrail", Map.of("run", context.runId(), "rule", "no diagnosis", "action", "replaced"));
            String prefix = answer.startsWith(OfflineLlm.LABEL + " ") ? OfflineLlm.LABEL + " " : "";
            return GuardDecision.rewrite(prefix + REFUSAL + "\n" + DISCLAIMER, "the answer presented a diagnosis");
        }
        return text.contains(DISCLAIMER) ? GuardDecision.pass()
                : GuardDecision.rewrite(answer + "\n" + DISCLAIMER, "added the disclaimer");
    }
}
