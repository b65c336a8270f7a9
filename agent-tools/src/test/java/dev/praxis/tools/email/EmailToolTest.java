package dev.praxis.tools.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static org.assertj.core.api.Assertions.assertThat;

class EmailToolTest {

    private GreenMail smtp;
    private Toolbox toolbox;

    @BeforeEach
    void startSmtpServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.setUser("agent@example.org", "agent@example.org", "s3cret");
        smtp.start();
        toolbox = Toolbox.of(EmailTool.builder("127.0.0.1", smtp.getSmtp().getPort(), "agent@example.org")
                .credentials("agent@example.org", "s3cret").allowedRecipientDomains("example.org", "example.com")
                .maxRecipients(3).build());
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private ToolResult send(ToolContext context, String subject, String body, String... to) {
        var args = instance.objectNode().put("subject", subject).put("body", body);
        var array = args.putArray("to");
        for (String address : to) {
            array.add(address);
        }
        return toolbox.execute(new ToolCall("c1", "send_email", args.toString()), context);
    }

    @Test
    void sendsThroughRealSmtpServerOnceperIdempotencyKey() throws Exception {
        ToolContext context = new ToolContext("run-1", 2, null);

        ToolResult first = send(context, "Invoice 42", "Dear Ana,\nyour invoice is attached.", "ana@example.org");
        ToolResult again = send(context, "Invoice 42", "Dear Ana,\nyour invoice is attached.", "ana@example.org");

        assertThat(first).isEqualTo(ToolResult.ok("sent 'Invoice 42' to ana@example.org"));
        assertThat(again.text()).contains("already sent (idempotency key run-1/2/c1)").contains("not sent again");
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Invoice 42");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("agent@example.org");
        assertThat(received[0].getHeader("X-Praxis-Idempotency-Key")).containsExactly("run-1/2/c1");
        assertThat(((String) received[0].getContent()).strip()).isEqualTo("Dear Ana,\r\nyour invoice is attached.");
    }

    @Test
    void isExternalSoTheStandardPolicyAsksAPersonFirst() {
        Toolbox governed = toolbox.withApproval(ApprovalPolicy.standard(),
                (request, question) -> ApprovalDecision.deny("the manager declined"));

        ToolResult result = governed.execute(new ToolCall("c1", "send_email", "{\"to\":[\"ana@example.org\"],"
                + "\"subject\":\"hi\",\"body\":\"x\"}"), ToolContext.NONE);

        assertThat(result).isEqualTo(new ToolResult.Denied("the manager declined"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    static Stream<Object[]> hostileMail() {
        return Stream.of(
                new Object[] {List.of("ana@example.org\r\nBcc: evil@attacker.test"), "hi", "control characters"},
                new Object[] {List.of("ana@example.org\nBcc: evil@attacker.test"), "hi", "control characters"},
                new Object[] {List.of("ana@example.org"), "hi\r\nBcc: evil@attacker.test", "one line"},
                new Object[] {List.of("ana@example.org"), "hi\nX-Evil: 1", "one line"},
                new Object[] {List.of("evil@attacker.test"), "hi", "outside the allowed recipient domains"},
                new Object[] {List.of("ana@example.org.attacker.test"), "hi", "outside the allowed recipient domains"},
                new Object[] {List.of("Ana <evil@attacker.test>"), "hi", "bare address"},
                new Object[] {List.of("ana@example.org, evil@attacker.test"), "hi", "not a valid e-mail address"},
                new Object[] {List.of("undisclosed:evil@attacker.test;"), "hi", ""},
                new Object[] {List.of("not-an-address"), "hi", "not a valid e-mail address"},
                new Object[] {List.of("a@example.org", "b@example.org", "c@example.org", "d@example.org"), "hi",
                        "more than the limit of 3"},
                new Object[] {List.of(), "hi", "at least one recipient"},
                new Object[] {List.of("ana@example.org"), "x".repeat(201), "at most 200"},
                new Object[] {List.of("\"evil\"@attacker.test"), "hi", ""},
                new Object[] {List.of("ana@[127.0.0.1]"), "hi", ""});
    }

    @ParameterizedTest(name = "refuses {0} / {1}")
    @MethodSource("hostileMail")
    void refusesHeaderInjectionAndUnwantedRecipients(List<String> to, String subject, String reason) {
        ToolResult result = send(ToolContext.NONE, subject, "body", to.toArray(String[]::new));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason).doesNotContain("s3cret");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void reportsUnreachableServerAsRetriableWithoutLeakingThePassword() {
        smtp.stop();

        ToolResult result = send(ToolContext.NONE, "hi", "x", "ana@example.org");

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(((ToolResult.Failed) result).retriable()).isTrue();
        assertThat(result.text()).contains("did not accept").doesNotContain("s3cret");
    }
}
