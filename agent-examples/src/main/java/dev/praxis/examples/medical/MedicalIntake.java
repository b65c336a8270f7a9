package dev.praxis.examples.medical;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.FaqDocuments;
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.examples.offline.StoredKnowledge;
import dev.praxis.guard.ApprovalAudit;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.GuardPoint;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.memory.MemoryScope;
import dev.praxis.observe.AuditListener;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.ApprovalRequest;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/**
 * Symptom intake as a conversation: the patient's symptoms are slots of {@code record_symptom}
 * (asked for until complete), triage rules are a tool, a red-flag symptom pauses the run and
 * hands the patient to a nurse, an output guardrail keeps every answer from being a diagnosis
 * and adds the disclaimer, personal data is masked before the model, memory, the database or
 * the audit log see it, and every decision lands in the hash-chained audit log
 * ({@code audit.jsonl} in the example's data directory).
 */
public final class MedicalIntake implements Example {

    static final List<String> DEMO = List.of(
            "Hello, I have had a headache for 3 days. Call me back on +44 20 7946 0958 or sam@example.com",
            "It is about 4 out of 10",
            "How urgent is it?",
            "Can you tell me what I have?",
            "Now I also have chest pain since 1 day, severity 8");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "medical-intake";
    }

    @Override
    public String summary() {
        return "symptom intake with slots, triage tools, red flags handed to a nurse, no diagnosis, PII masked, audited";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new IntakeDesk(Path.of(":memory:"), "tools", Knowledge.NONE, null, Clock.systemUTC()));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        try (Conversation conversation = open(context)) {
            for (String message : DEMO) {
                context.out().println("patient> " + message);
                AgentResult result = conversation.send(message);
                context.out().println("intake> " + result.output());
            }
        }
        context.out().println("audit log: " + AuditLog.verify(context.dir(name()).resolve("audit.jsonl")));
    }

    @Override
    public Conversation open(ExampleContext context) {
        Path dir = context.dir(name());
        AuditLog audit = AuditLog.open(dir.resolve("audit.jsonl"), context.clock(), true);
        try {
            Knowledge notes = StoredKnowledge.inMemory(notes());
            var desk = new IntakeDesk(dir.resolve("intake.db"), "intake-" + context.clock().millis(), notes, audit,
                    context.clock());
            Toolbox toolbox = Toolbox.of(Tools.from(desk)).withApproval(
                    ApprovalAudit.policy(MedicalIntake::redFlags, audit),
                    ApprovalAudit.handler((request, question) -> ApprovalDecision.askPerson(question), audit));
            LlmAgent agent = LlmAgent.builder()
                    .name(name())
                    .llm(context.model(() -> OfflineLlm.builder().knowledge(notes).clock(context.clock())
                            .vocabulary("symptom", new HashSet<>(Triage.KNOWN)).build()))
                    .toolbox(toolbox)
                    .guardrails(PiiRedactor.mask().at(GuardPoint.INPUT, GuardPoint.TOOL_OUTPUT), new NoDiagnosis(audit)
                            .at(GuardPoint.OUTPUT))
                    .systemPrompt("You are a symptom intake assistant for a GP practice. Record every symptom the"
                            + " patient mentions with record_symptom (ask for what is missing), use triage to say how"
                            + " urgently to seek care, and hand over to a nurse when the patient asks. Never say what"
                            + " condition the patient has.")
                    .listener(new Transcript(context.out()))
                    .listener(AuditListener.to(audit).redacting(PiiRedactor.mask()::redact))
                    .listener(NurseOnDuty.withoutHandOffPauses(context.listener()))
                    .build();
            var nurse = new NurseOnDuty(agent, context.person(), context.out(), audit);
            return new Conversation(nurse, MemoryScope.of("patient", "intake"), audit);
        } catch (RuntimeException e) {
            audit.close();
            throw e;
        }
    }

    /**
     * The approval rules: recording a red-flag symptom, or asking for a nurse ({@code EXTERNAL}),
     * needs the nurse on duty; everything else runs.
     */
    static ApprovalDecision redFlags(ApprovalRequest request) {
        if (request.call().name().equals("record_symptom")) {
            String symptom = symptomOf(request.call().arguments());
            return Triage.redFlag(symptom).map(flag -> ApprovalDecision.askPerson(
                    "RED FLAG (" + flag + ") reported: hand this patient to the nurse on duty"))
                    .orElse(ApprovalDecision.allow());
        }
        return ApprovalPolicy.standard().decide(request);
    }

    private static String symptomOf(String arguments) {
        try {
            return JSON.readTree(arguments).path("symptom").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static List<dev.praxis.memory.Document> notes() {
        try (InputStream in = MedicalIntake.class.getResourceAsStream("service.md")) {
            return FaqDocuments.parse("service.md", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("service.md is missing from the example", e);
        }
    }
}
