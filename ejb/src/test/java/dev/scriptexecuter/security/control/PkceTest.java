package dev.scriptexecuter.security.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    @Test
    void theS256ChallengeOfRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void randomValuesAreVerifiersOfFullLengthAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String value = Pkce.randomValue();
            // RFC 7636 §4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~
            assertThat(value).hasSize(43).matches("[A-Za-z0-9._~-]+");
            assertThat(seen.add(value)).isTrue();
        }
    }
}
