package dev.scriptexecuter.secret.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private final byte[] key = SecretCipher.newKey();

    @Test
    void aSealedValueOpensAgainAndHoldsNoTraceOfThePlainText() {
        SecretCipher cut = new SecretCipher(key, List.of());
        SecretCipher.Sealed sealed = cut.seal("hunter2-password", "*:DB_PASSWORD");

        assertThat(sealed.keyId()).isEqualTo(SecretCipher.keyId(key)).hasSize(16);
        assertThat(sealed.text()).doesNotContain("hunter2");
        assertThat(cut.seal("hunter2-password", "*:DB_PASSWORD").text()).as("a new nonce each time")
                .isNotEqualTo(sealed.text());
        assertThat(cut.open(sealed, "*:DB_PASSWORD")).isEqualTo("hunter2-password");
    }

    @Test
    void anAlteredValueOrOneCopiedToAnotherVariableDoesNotOpen() {
        SecretCipher cut = new SecretCipher(key, List.of());
        SecretCipher.Sealed sealed = cut.seal("s3cret-value", "script-1:TOKEN");
        byte[] bytes = java.util.Base64.getDecoder().decode(sealed.text());
        bytes[bytes.length - 1] ^= 1;
        SecretCipher.Sealed altered = new SecretCipher.Sealed(sealed.keyId(),
                java.util.Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cut.open(altered, "script-1:TOKEN")).hasMessageContaining("altered");
        assertThatThrownBy(() -> cut.open(sealed, "script-2:TOKEN")).hasMessageContaining("another variable");
    }

    @Test
    void afterARotationOldValuesOpenWithTheOldKeyAndNewOnesAreSealedWithTheNew() {
        SecretCipher before = new SecretCipher(key, List.of());
        SecretCipher.Sealed old = before.seal("rotate-me", "*:X");
        byte[] newKey = SecretCipher.newKey();
        SecretCipher after = new SecretCipher(newKey, List.of(key));

        assertThat(after.open(old, "*:X")).isEqualTo("rotate-me");
        assertThat(after.seal("rotate-me", "*:X").keyId()).isEqualTo(SecretCipher.keyId(newKey))
                .isNotEqualTo(old.keyId());
        assertThatThrownBy(() -> new SecretCipher(newKey, List.of()).open(old, "*:X"))
                .hasMessageContaining("does not have");
        assertThatThrownBy(() -> new SecretCipher(new byte[16], List.of())).hasMessageContaining("32 bytes");
    }
}
