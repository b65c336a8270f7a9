package dev.praxis.observe;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.Containment;
import dev.praxis.guard.Limits;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalHandler;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link OptionalDependenciesTest} in a child JVM whose class path lacks OpenTelemetry
 * and Micrometer: a guarded, audited, logged agent run must work there.
 */
public final class WithoutOptionalDependencies {

    private WithoutOptionalDependencies() {
    }

    /** Prints the run's status and whether each optional library is visible. */
    public static void main(String[] args) throws Exception {
        Path audit = Files.createTempFile("praxis-audit", ".jsonl");
        Containment containment = Containment.standard();
        var llm = ScriptedLlm.of(ScriptedLlm.toolCall("fetch", "{}"), ScriptedLlm.text("done"));
        AgentResult result;
        try (AuditLog log = AuditLog.open(audit)) {
            result = LlmAgent.builder().llm(llm)
                    .toolbox(Toolbox.of(Tools.of("fetch", "Fetches", JsonObjectSchema.builder().build(),
                                    SideEffect.READ_ONLY, a -> "mail jane@example.com"))
                            .withApproval(containment.policy(ApprovalPolicy.ALLOW_ALL), ApprovalHandler.NOBODY))
                    .guardrails(Limits.DEFAULT, PiiRedactor.mask(), containment)
                    .listener(LoggingListener.create())
                    .listener(AuditListener.to(log))
                    .build().run("hello");
        }
        System.out.println("status=" + result.status() + " audit=" + AuditLog.verify(audit).intact()
                + " otel=" + visible("io.opentelemetry.api.OpenTelemetry")
                + " micrometer=" + visible("io.micrometer.core.instrument.MeterRegistry"));
        Files.delete(audit);
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
