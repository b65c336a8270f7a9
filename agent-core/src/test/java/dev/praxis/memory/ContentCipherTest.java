package dev.praxis.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentCipherTest {

    private final ContentCipher cipher = ContentCipher.aesGcm("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        String a = cipher.encrypt("secret ünïcode", "scope-a");
        String b = cipher.encrypt("secret ünïcode", "scope-a");

        assertThat(a).isNotEqualTo(b).doesNotContain("secret");
        assertThat(cipher.decrypt(a, "scope-a")).isEqualTo("secret ünïcode");
    }

    @Test
    void refusesCiphertextMovedToAnotherContextOrAltered() {
        String sealed = cipher.encrypt("secret", "scope-a");
        byte[] raw = java.util.Base64.getDecoder().decode(sealed.substring("gcm1:".length()));
        raw[raw.length / 2] ^= 1;
        String altered = "gcm1:" + java.util.Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "scope-b")).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> cipher.decrypt(altered, "scope-a")).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain text", "scope-a")).hasMessageContaining("not AES-GCM");
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertThatThrownBy(() -> ContentCipher.aesGcm(new byte[10])).hasMessageContaining("16, 24 or 32 bytes");
    }
}
