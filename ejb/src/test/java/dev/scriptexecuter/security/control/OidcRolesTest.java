package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OidcRolesTest {

    private final OidcRoles roles = OidcRoles.of("groups", "ses-admins, platform", "ses-users", "ses-viewers,",
            Optional.empty());

    @Test
    void theHighestRoleAnyGroupGivesWins() {
        assertThat(roles.roleOf(Map.of("groups", List.of("ses-viewers", "ses-admins")))).contains(Role.ADMIN);
        assertThat(roles.roleOf(Map.of("groups", List.of("ses-viewers", "ses-users")))).contains(Role.USER);
        assertThat(roles.roleOf(Map.of("groups", List.of("ses-viewers")))).contains(Role.VIEWER);
        assertThat(roles.roleOf(Map.of("groups", List.of("platform")))).contains(Role.ADMIN);
    }

    @Test
    void groupsAreComparedExactlyButAFullPathsLeadingSlashIsIgnored() {
        assertThat(roles.roleOf(Map.of("groups", List.of("/ses-users")))).contains(Role.USER);
        assertThat(roles.roleOf(Map.of("groups", List.of("SES-USERS")))).isEmpty();
        assertThat(roles.roleOf(Map.of("groups", List.of("ses-users-old")))).isEmpty();
        assertThat(roles.roleOf(Map.of("groups", List.of("/parent/ses-users")))).isEmpty();
    }

    @Test
    void nobodyInAMappedGroupGetsTheDefaultRoleOrNone() {
        Map<String, Object> outsider = Map.of("groups", List.of("accounting"));
        assertThat(roles.roleOf(outsider)).isEmpty();
        assertThat(roles.roleOf(Map.of())).isEmpty();
        assertThat(roles.roleOf(Map.of("groups", "accounting"))).isEmpty();
        OidcRoles withDefault = OidcRoles.of("groups", "ses-admins", "", "", Optional.of(Role.VIEWER));
        assertThat(withDefault.roleOf(outsider)).contains(Role.VIEWER);
        assertThat(withDefault.roleOf(Map.of("groups", List.of("ses-admins")))).contains(Role.ADMIN);
    }

    @Test
    void aDottedClaimReadsNestedClaimsAndOneStringIsOneGroup() {
        OidcRoles realmRoles = OidcRoles.of("realm_access.roles", "ses-admin", "", "", Optional.empty());
        assertThat(realmRoles.roleOf(Map.of("realm_access", Map.of("roles", List.of("offline_access", "ses-admin")))))
                .contains(Role.ADMIN);
        assertThat(realmRoles.roleOf(Map.of("realm_access", "ses-admin"))).isEmpty();
        OidcRoles single = OidcRoles.of("role", "", "ses-user", "", Optional.empty());
        assertThat(single.roleOf(Map.of("role", "ses-user"))).contains(Role.USER);
        assertThat(single.roleOf(Map.of("role", 42))).isEmpty();
    }

    @Test
    void aTokenWithoutTheClaimIsToldFromOneThatListsNoMappedGroup() {
        assertThat(roles.claimPresent(Map.of("groups", List.of()))).isTrue();
        assertThat(roles.claimPresent(Map.of("groups", List.of("accounting")))).isTrue();
        assertThat(roles.claimPresent(Map.of("scope", "openid"))).isFalse();
        OidcRoles nested = OidcRoles.of("realm_access.roles", "ses-admin", "", "", Optional.empty());
        assertThat(nested.claimPresent(Map.of("realm_access", Map.of("roles", List.of())))).isTrue();
        assertThat(nested.claimPresent(Map.of("realm_access", Map.of()))).isFalse();
        assertThat(nested.claimPresent(Map.of("realm_access", "x"))).isFalse();
    }

    @Test
    void aMappingThatGivesNobodyARoleIsTold() {
        assertThat(OidcRoles.of("groups", " , ", "", null, Optional.empty()).givesAnyRole()).isFalse();
        assertThat(OidcRoles.of("groups", "", "", null, Optional.of(Role.VIEWER)).givesAnyRole()).isTrue();
        assertThat(roles.givesAnyRole()).isTrue();
    }
}
