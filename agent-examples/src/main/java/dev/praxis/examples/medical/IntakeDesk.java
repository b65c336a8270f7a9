package dev.praxis.examples.medical;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.examples.offline.Knowledge;
import dev.praxis.examples.offline.Passage;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One patient's intake as tools: symptoms recorded in a SQLite file (personal data masked
 * before it is written), the triage rules, the service's own notes, and a request for a
 * nurse. Every triage decision goes into the audit log. Thread-safe: each call opens its own
 * connection.
 */
public final class IntakeDesk {

    private static final PiiRedactor PII = PiiRedactor.mask();

    private final String url;
    private final String intake;
    private final Knowledge notes;
    private final AuditLog audit;
    private final Clock clock;

    /** The desk for intake {@code intake}, storing in {@code database}, auditing into {@code audit}. */
    public IntakeDesk(Path database, String intake, Knowledge notes, AuditLog audit, Clock clock) {
        this.url = "jdbc:sqlite:" + database;
        this.intake = intake;
        this.notes = notes;
        this.audit = audit;
        this.clock = clock;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("create table if not exists symptoms (intake text not null, symptom text not null,"
                    + " days integer not null, severity integer not null, red_flag text, recorded_at text not null)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the intake database " + database + ": " + e.getMessage(), e);
        }
    }

    @Tool(name = "record_symptom", value = "Records a symptom the patient has: what hurts or feels wrong, for how many"
            + " days, how severe from 1 to 10 (I have a pain, I also have, I feel sick, it hurts since)")
    @SideEffects(SideEffect.WRITE)
    public String recordSymptom(@P("the symptom, such as headache, fever or back pain") String symptom,
                                @P("for how many days") long days, @P("how severe, 1 (mild) to 10 (worst)") long severity) {
        if (severity < 1 || severity > 10) {
            throw new ToolException("severity must be from 1 to 10, got " + severity);
        }
        if (days < 0 || days > 3650) {
            throw new ToolException("days must be from 0 to 3650, got " + days);
        }
        String name = PII.redact(symptom.strip());
        String flag = Triage.redFlag(name).orElse(null);
        try (Connection c = DriverManager.getConnection(url); PreparedStatement insert = c.prepareStatement(
                "insert into symptoms values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, intake);
            insert.setString(2, name);
            insert.setLong(3, days);
            insert.setLong(4, severity);
            insert.setString(5, flag);
            insert.setString(6, clock.instant().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the symptom: " + e.getMessage(), e);
        }
        return "recorded " + name + " (" + days + " days, " + severity + "/10)"
                + (flag == null ? "" : "; RED FLAG (" + flag + "): the nurse on duty has taken over this intake");
    }

    @Tool(name = "triage", value = "Says how urgently the patient should seek care, by the triage rules applied to the"
            + " symptoms recorded so far (how urgent is it, should I see a doctor)")
    @SideEffects(SideEffect.READ_ONLY)
    public String triage() {
        List<Triage.Symptom> recorded = symptoms();
        if (recorded.isEmpty()) {
            throw new ToolException("no symptoms recorded yet: record what the patient reports first");
        }
        Triage.Rule rule = Triage.apply(recorded);
        audit.append("triage", Map.of("intake", intake, "rule", rule.name(), "level", rule.level().name(),
                "symptoms", recorded.size()));
        return "urgency " + rule.level() + " (rule: " + rule.name() + "): " + rule.level().advice;
    }

    @Tool(name = "service_notes", value = "Answers questions about this intake service: what it does, what it"
            + " can tell you, privacy, emergencies")
    @SideEffects(SideEffect.READ_ONLY)
    public String serviceNotes(@P("the patient's question") String question) {
        List<Passage> found = notes.search(question, 1);
        return found.isEmpty() ? "the notes have nothing on that"
                : found.stream().map(p -> p.text() + " (source: " + p.source() + ")").collect(Collectors.joining("\n"));
    }

    @Tool(name = "ask_for_nurse", value = "Hands the conversation to the nurse on duty when the patient asks for a"
            + " person or the situation needs one (talk to a human, speak to a nurse)")
    @SideEffects(SideEffect.EXTERNAL)
    public String askForNurse(@P("why a nurse is needed") String reason) {
        audit.append("handoff", Map.of("intake", intake, "reason", PII.redact(reason)));
        return "the nurse on duty has taken over this intake";
    }

    /** The symptoms recorded for this intake, oldest first. */
    public List<Triage.Symptom> symptoms() {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement select = c.prepareStatement(
                "select symptom, days, severity from symptoms where intake = ? order by rowid")) {
            select.setString(1, intake);
            List<Triage.Symptom> all = new ArrayList<>();
            for (ResultSet rs = select.executeQuery(); rs.next(); ) {
                all.add(new Triage.Symptom(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the symptoms: " + e.getMessage(), e);
        }
    }
}
