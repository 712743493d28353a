package dev.scriptexecuter.secret.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    @Test
    void everyOccurrenceOfASecretIsMasked() {
        SecretMask cut = SecretMask.of(List.of("hunter2", "tok-123456"));

        assertThat(cut.apply("password=hunter2 token=tok-123456 again hunter2"))
                .isEqualTo("password=*** token=*** again ***");
        assertThat(cut.apply("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(cut.apply(null)).isNull();
    }

    @Test
    void aLongerSecretContainingAShorterOneIsMaskedWhole() {
        assertThat(SecretMask.of(List.of("abcd", "abcdefgh")).apply("x abcdefgh y abcd"))
                .isEqualTo("x *** y ***");
    }

    @Test
    void eachLineOfASecretOfSeveralLinesIsMaskedAsOutputArrivesLineByLine() {
        SecretMask cut = SecretMask.of(List.of("-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----\n"));

        assertThat(cut.apply("MIIEvQIBADANBg")).isEqualTo("***");
        assertThat(cut.apply("-----END KEY-----")).isEqualTo("***");
    }

    @Test
    void valuesTooShortToBeSecretsAreLeftAlone() {
        assertThat(SecretMask.of(List.of("ab")).apply("ab cab")).isEqualTo("ab cab");
        assertThat(SecretMask.of(List.of())).isSameAs(SecretMask.none());
    }
}
