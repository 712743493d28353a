package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TwoFactorPolicyTest {

    private static TwoFactorPolicy cut(String required) {
        TwoFactorPolicy cut = new TwoFactorPolicy();
        cut.required = Optional.ofNullable(required);
        cut.parse();
        return cut;
    }

    @Test
    void noRoleByDefault() {
        for (Role role : Role.values()) {
            assertThat(cut(null).requiredFor(role)).isFalse();
        }
    }

    @Test
    void theRolesListedAnyCaseAndSpacing() {
        TwoFactorPolicy cut = cut(" Admin , user,");
        assertThat(cut.requiredFor(Role.ADMIN)).isTrue();
        assertThat(cut.requiredFor(Role.USER)).isTrue();
        assertThat(cut.requiredFor(Role.VIEWER)).isFalse();
    }

    @Test
    void anUnknownRoleStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> cut("admin,operator")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ses.auth.two-factor.required").hasMessageContaining("operator");
    }
}
