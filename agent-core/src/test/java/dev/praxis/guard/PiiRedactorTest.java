package dev.praxis.guard;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiRedactorTest {

    @Test
    void masksEachValueByKind() {
        String out = PiiRedactor.mask().redact("Jane (jane@example.com, 4111 1111 1111 1111) from 10.1.2.3");

        assertThat(out).isEqualTo("Jane ([EMAIL], [PAYMENT_CARD]) from [IP_ADDRESS]");
    }

    @Test
    void masksOnlyTheChosenKinds() {
        String out = PiiRedactor.mask(Set.of(PiiKind.EMAIL)).redact("jane@example.com from 10.1.2.3");

        assertThat(out).isEqualTo("[EMAIL] from 10.1.2.3");
        assertThatThrownBy(() -> PiiRedactor.mask(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void guardrailRewritesWithACountNotTheValues() {
        var decision = PiiRedactor.mask().check("mail jane@example.com or joe@example.com",
                GuardContext.input("agent"));

        assertThat(decision).isInstanceOfSatisfying(GuardDecision.Rewrite.class, r -> {
            assertThat(r.text()).isEqualTo("mail [EMAIL] or [EMAIL]");
            assertThat(r.reason()).isEqualTo("redacted PII {EMAIL=2}").doesNotContain("jane");
        });
        assertThat(PiiRedactor.mask().check("nothing here", GuardContext.input("agent")))
                .isEqualTo(GuardDecision.pass());
    }

    @Test
    void tokensAreStablePerValueAndRevealable() {
        PiiVault vault = PiiVault.create();
        PiiRedactor redactor = PiiRedactor.tokenising(vault);

        String first = redactor.redact("write to jane@example.com");
        String again = redactor.redact("jane@example.com again, not joe@example.com");

        String token = first.substring("write to ".length());
        assertThat(token).matches("\\[\\[EMAIL:[0-9a-f]{10}]]");
        assertThat(again).startsWith(token).doesNotContain("@");
        assertThat(vault.reveal(again)).isEqualTo("jane@example.com again, not joe@example.com");
        assertThat(vault.reveal("[[EMAIL:0000000000]] unknown")).isEqualTo("[[EMAIL:0000000000]] unknown");
    }

    @Test
    void differentVaultsGiveDifferentTokens() {
        String a = PiiRedactor.tokenising(PiiVault.create()).redact("jane@example.com");
        String b = PiiRedactor.tokenising(PiiVault.create()).redact("jane@example.com");

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void toolReceivesRealValueWhileCallCarriesToken() {
        PiiVault vault = PiiVault.create();
        String token = PiiRedactor.tokenising(vault).redact("jane@example.com");
        AtomicReference<String> received = new AtomicReference<>();
        Tool send = new Tool() {
            @Override
            public ToolSpecification spec() {
                return ToolSpecification.builder().name("send").description("sends").build();
            }

            @Override
            public SideEffect sideEffect() {
                return SideEffect.EXTERNAL;
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                received.set(call.arguments());
                return ToolResult.ok("sent");
            }
        };

        Tool wrapped = vault.revealTo(send);
        wrapped.execute(new ToolCall("1", "send", "{\"to\":\"" + token + "\"}"), ToolContext.NONE);

        assertThat(received.get()).isEqualTo("{\"to\":\"jane@example.com\"}");
        assertThat(wrapped.sideEffect()).isEqualTo(SideEffect.EXTERNAL);
        assertThat(vault.toString()).doesNotContain("jane");
    }
}
