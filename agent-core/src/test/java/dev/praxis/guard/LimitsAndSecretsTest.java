package dev.praxis.guard;

import dev.praxis.tool.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsAndSecretsTest {

    private static final GuardContext TOOL = GuardContext.toolOutput("a", "run", 1, new ToolCall("1", "web", "{}"));

    @Test
    void oversizedInputAndOutputTrip() {
        Limits limits = new Limits(10, 20);

        assertThat(limits.check("x".repeat(11), GuardContext.input("a")))
                .isEqualTo(GuardDecision.trip("input has 11 characters; the limit is 10"));
        assertThat(limits.check("x".repeat(10), GuardContext.input("a"))).isEqualTo(GuardDecision.pass());
        assertThat(limits.check("x".repeat(21), GuardContext.output("a", "run", 1)))
                .isInstanceOf(GuardDecision.Trip.class);
    }

    @Test
    void toolOutputIsLeftToTheToolboxsOneCap() {
        GuardDecision decision = new Limits(10, 20).check("y".repeat(100), TOOL);

        assertThat(decision).isEqualTo(GuardDecision.pass());
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxOutputChars(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
            "sk-ant-api03-abcdefghijklmnopqrstuvwx",
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "xoxb-1234567890-abcdefghij",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    })
    void masksKnownTokenFormats(String secret) {
        String masked = SecretMasker.defaults().mask("key=" + secret + " and " + secret + ".");

        assertThat(masked).doesNotContain(secret).contains(SecretMasker.MASK);
    }

    @Test
    void masksValuesAfterTheirNamesButKeepsTheNames() {
        SecretMasker masker = SecretMasker.defaults();

        assertThat(masker.mask("Authorization: Bearer abc.def-ghi_jkl012"))
                .isEqualTo("Authorization: Bearer [SECRET]");
        assertThat(masker.mask("{\"password\": \"hunter22\", \"user\": \"bob\"}"))
                .isEqualTo("{\"password\": \"[SECRET]\", \"user\": \"bob\"}");
        assertThat(masker.mask("db_password=s3cr3t! api_key: 12345"))
                .isEqualTo("db_password=[SECRET] api_key: [SECRET]");
        assertThat(masker.mask("jdbc:postgresql://admin:topsecret@db:5432/x"))
                .isEqualTo("jdbc:postgresql://admin:[SECRET]@db:5432/x");
        assertThat(masker.mask("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"))
                .isEqualTo(SecretMasker.MASK);
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "The token count was 1234; the skeleton key is a metaphor. Passwords must be long.";

        assertThat(SecretMasker.defaults().mask(text)).isEqualTo(text);
        assertThat(SecretMasker.defaults().check(text, GuardContext.input("a"))).isEqualTo(GuardDecision.pass());
    }

    @Test
    void masksRegisteredValuesAndRejectsShortOnes() {
        SecretMasker masker = SecretMasker.defaults().withValues(List.of("corp-internal-9f8e7d"));

        assertThat(masker.mask("using corp-internal-9f8e7d now")).isEqualTo("using [SECRET] now");
        assertThatThrownBy(() -> masker.withValues(List.of("abc"))).hasMessageContaining("at least 6");
    }
}
