package dev.scriptexecuter.security.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    // RFC 6238, appendix B: the ASCII seed "1234567890" repeated to the hash's length
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.of(SHA1_SEED, "HmacSHA1", 8).code(step)).isEqualTo(sha1);
        assertThat(Totp.of(SHA256_SEED, "HmacSHA256", 8).code(step)).isEqualTo(sha256);
        assertThat(Totp.of(SHA512_SEED, "HmacSHA512", 8).code(step)).isEqualTo(sha512);
    }

    @Test
    void theAppsSixDigitsAreTheLastSixOfTheRfcsEight() {
        // the same truncated value modulo 10^6: RFC 6238's 8-digit 07081804 at 1111111109 gives 081804
        assertThat(Totp.of(SHA1_SEED).code(Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
    }

    @Test
    void aCodeIsTakenForItsStepAndOneEitherSideOnly() {
        Totp cut = Totp.of(SHA1_SEED);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(cut.match(cut.code(step), now, 0)).hasValue(step);
        assertThat(cut.match(cut.code(step - 1), now, 0)).hasValue(step - 1);
        assertThat(cut.match(cut.code(step + 1), now, 0)).hasValue(step + 1);
        assertThat(cut.match(cut.code(step - 2), now, 0)).isEmpty();
        assertThat(cut.match(cut.code(step + 2), now, 0)).isEmpty();
    }

    @Test
    void aUsedCodeAndAnyOlderOneAreRefused() {
        Totp cut = Totp.of(SHA1_SEED);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(cut.match(cut.code(step), now, step)).as("the code just used").isEmpty();
        assertThat(cut.match(cut.code(step - 1), now, step)).as("an older one").isEmpty();
        assertThat(cut.match(cut.code(step + 1), now, step)).as("the next one").hasValue(step + 1);
    }

    @Test
    void spacesAreIgnoredAndAnythingElseIsNoCode() {
        Totp cut = Totp.of(SHA1_SEED);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String code = cut.code(Totp.step(now));
        assertThat(cut.match(code.substring(0, 3) + " " + code.substring(3), now, 0)).isPresent();
        assertThat(cut.match(null, now, 0)).isEmpty();
        assertThat(cut.match("", now, 0)).isEmpty();
        assertThat(cut.match(code + "0", now, 0)).isEmpty();
        assertThat(cut.match("12345a", now, 0)).isEmpty();
    }
}
