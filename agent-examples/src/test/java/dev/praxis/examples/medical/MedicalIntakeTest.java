package dev.praxis.examples.medical;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.Status;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Person;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.AuditVerification;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class MedicalIntakeTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ExampleContext context() {
        return ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data);
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoAsksForMissingSlotsTriagesAndHandsTheRedFlagToTheNurse() throws Exception {
        new MedicalIntake().run(context());

        assertThat(out())
                .contains("I still need severity")
                .contains("-> record_symptom {\"symptom\":\"headache\",\"days\":3,\"severity\":4}")
                .contains("urgency SELF_CARE (rule: mild and recent)")
                .contains("No: only a clinician who examines you can say what is causing your symptoms."
                        + " This service records them and suggests how urgently to seek care. (source: service.md#")
                .contains("[paused] waiting for a person to decide on 1 call(s): record_symptom")
                .contains("[nurse] takes over (" + NurseOnDuty.STAND_IN + ")")
                .contains("RED FLAG (chest pain): the nurse on duty has taken over this intake");
        assertThat(out().lines().filter(l -> l.startsWith("intake> ")).toList()).hasSize(5)
                .allSatisfy(l -> assertThat(l).startsWith("intake> " + OfflineLlm.LABEL));
        assertThat(List.of(out().split("intake> ")).subList(1, 6)).allSatisfy(a -> assertThat(a).contains(NoDiagnosis.DISCLAIMER));
        assertThat(rows("select symptom, days, severity, red_flag from symptoms"))
                .containsExactly("headache|3|4|null", "chest pain|1|8|chest pain");
    }

    @Test
    void theCommandLineHearsHowAHandedOffRunEndsNotThatItPaused() throws Exception {
        List<AgentEvent> ends = new java.util.concurrent.CopyOnWriteArrayList<>();

        new MedicalIntake().run(context().listening(e -> {
            if (e instanceof AgentEvent.Stopped || e instanceof AgentEvent.Completed) {
                ends.add(e);
            }
        }));

        assertThat(ends).hasSize(MedicalIntake.DEMO.size()).allMatch(e -> e instanceof AgentEvent.Completed);
    }

    @Test
    void personalDataIsMaskedBeforeTheDatabaseTheAuditLogAndTheModel() throws Exception {
        new MedicalIntake().run(context());

        Path dir = data.resolve("medical-intake");
        for (Path file : List.of(dir.resolve("intake.db"), dir.resolve("audit.jsonl"))) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain("sam@example.com")
                    .doesNotContainPattern("7946\\D{0,3}0958");
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("[EMAIL]").contains("[PHONE]");
        assertThat(out()).contains("-> record_symptom").doesNotContain("-> record_symptom {\"symptom\":\"Hello");
    }

    @Test
    void everyDecisionIsInTheHashChainedAuditLog() throws Exception {
        new MedicalIntake().run(context());

        Path log = data.resolve("medical-intake/audit.jsonl");
        assertThat(AuditLog.verify(log)).isInstanceOf(AuditVerification.Intact.class);
        List<String> entries = new ArrayList<>();
        AuditLog.read(log).forEach(e -> entries.add(e.get("type").asText() + ":" + e.get("data").path("decision").asText()
                + e.get("data").path("level").asText()));
        assertThat(entries).contains("approval:allow", "approval:ask_person", "approval:pending", "triage:SELF_CARE",
                "handoff_decision:taken over", "run_started:", "run_ended:");
        assertThat(out()).contains("audit log: Intact[entries=" + entries.size());
    }

    @Test
    void aModelThatTriesToDiagnoseIsOverruledByTheGuardrail() throws Exception {
        var model = ScriptedLlm.of(text("You have a migraine. Take ibuprofen."),
                text("This sounds like appendicitis, go to hospital."), text("Diagnosis: tension headache."));
        try (var intake = new MedicalIntake().open(context().wrapping(llm -> model))) {
            for (String question : List.of("what is it?", "my belly hurts", "and now?")) {
                var result = intake.send(question);

                assertThat(result.status()).isEqualTo(Status.COMPLETED);
                assertThat(result.output()).isEqualTo(NoDiagnosis.REFUSAL + "\n" + NoDiagnosis.DISCLAIMER)
                        .doesNotContainIgnoringCase("migraine").doesNotContainIgnoringCase("appendicitis");
            }
        }
        assertThat(Files.readString(data.resolve("medical-intake/audit.jsonl")))
                .contains("\"rule\":\"no diagnosis\"").doesNotContain("migraine\"");
    }

    @Test
    void anAnswerThatDescribesWhatThePatientSaidIsNotMistakenForADiagnosis() {
        try (var audit = AuditLog.open(data.resolve("a.jsonl"))) {
            var ctx = dev.praxis.guard.GuardContext.output("t", "r", 1);

            assertThat(new NoDiagnosis(audit).check("Since you have had a headache for 3 days, see a GP.", ctx)
                    .applyTo("x")).startsWith("Since you have had a headache").endsWith(NoDiagnosis.DISCLAIMER);
        }
    }

    @Test
    void aRedFlagRecordsNothingUntilTheNurseTakesOverAndADeclineReachesTheModel() throws Exception {
        var model = ScriptedLlm.of(toolCall("record_symptom", "{\"symptom\":\"crushing chest pain\",\"days\":0,\"severity\":9}"),
                text("Please call 112 now."));
        Person declines = question -> new Person.Reply.Said("n");
        try (var intake = new MedicalIntake().open(context().wrapping(llm -> model).askingPerson(declines))) {
            var result = intake.send("my chest hurts a lot");

            assertThat(result.status()).isEqualTo(Status.COMPLETED);
            assertThat(result.output()).startsWith("Please call 112 now.");
        }
        assertThat(model.requests().get(1).messages().toString()).contains("the nurse on duty cannot take over");
        assertThat(out()).contains("[nurse] declines (nurse)");
        assertThat(rows("select symptom from symptoms")).isEmpty();
    }

    @Test
    void aRedFlagTheModelDoesNotRecordIsHandedOverAnyway() throws Exception {
        var model = ScriptedLlm.of(text("Rest and drink water."));
        try (var intake = new MedicalIntake().open(context().wrapping(llm -> model))) {
            var result = intake.send("I have crushing chest pain");

            assertThat(result.output()).startsWith("Rest and drink water.").endsWith(NurseOnDuty.SCREENED);
        }
        assertThat(out()).contains("[red-flag screen] chest pain mentioned but not handed over");
        assertThat(Files.readString(data.resolve("medical-intake/audit.jsonl"))).contains("\"by\":\"red-flag screen\"");
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("medical-intake/intake.db"));
             var rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }
}
