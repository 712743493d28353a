package dev.scriptexecuter.security.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    @Test
    void formsLeadOnlyHereUnlessAnIdentityProviderIsSet() {
        assertThat(SecurityHeaders.formTargets(Optional.empty())).isEqualTo("'self'");
        assertThat(SecurityHeaders.formTargets(Optional.of("  "))).isEqualTo("'self'");
    }

    @Test
    void theIdentityProvidersOriginIsAddedWithoutItsPath() {
        assertThat(SecurityHeaders.formTargets(Optional.of("https://login.example.org/realms/company")))
                .isEqualTo("'self' https://login.example.org");
        assertThat(SecurityHeaders.formTargets(Optional.of("http://localhost:8180/realms/ses")))
                .isEqualTo("'self' http://localhost:8180");
    }

    @Test
    void anIssuerThatIsNoAddressAddsNothing() {
        // the start stops on such an issuer (SignOnSettings); the policy never widens for it
        assertThat(SecurityHeaders.formTargets(Optional.of("not an address"))).isEqualTo("'self'");
        assertThat(SecurityHeaders.formTargets(Optional.of("realms/ses"))).isEqualTo("'self'");
        assertThat(SecurityHeaders.formTargets(Optional.of("https://a b/"))).isEqualTo("'self'");
    }
}
