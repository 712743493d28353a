package dev.scriptexecuter.security.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwoFactorCodesTest {

    @Test
    void aSecretIs160BitsInBase32AndMakesCodes() {
        String secret = TwoFactorCodes.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(TwoFactorCodes.newSecret()).isNotEqualTo(secret);
        assertThat(Totp.of(Base32.decode(secret)).code(Totp.step(Instant.now()))).matches("\\d{6}");
    }

    @Test
    void theAddressAnAppReadsNamesIssuerAndAccountEncoded() {
        assertThat(TwoFactorCodes.otpauthUri("Script Executer", "ann@example.com", "ABCDEF"))
                .isEqualTo("otpauth://totp/Script%20Executer:ann%40example.com?secret=ABCDEF&issuer=Script%20Executer"
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void tenDistinctRecoveryCodesThatHashTheSameHoweverTyped() {
        List<String> codes = TwoFactorCodes.newRecoveryCodes();
        assertThat(codes).hasSize(10).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        String code = codes.getFirst();
        assertThat(TwoFactorCodes.isRecoveryCode(code)).isTrue();
        assertThat(TwoFactorCodes.isRecoveryCode(code.toUpperCase().replace("-", " "))).isTrue();
        assertThat(TwoFactorCodes.hash(code.toUpperCase().replace("-", ""))).isEqualTo(TwoFactorCodes.hash(code))
                .matches("[0-9a-f]{64}");
        assertThat(TwoFactorCodes.hash(codes.get(1))).isNotEqualTo(TwoFactorCodes.hash(code));
        assertThat(TwoFactorCodes.isRecoveryCode("123456")).as("a one-time password").isFalse();
    }
}
