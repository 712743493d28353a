package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignOnSettingsTest {

    @TempDir
    Path directory;

    @Test
    void withoutAnIssuerThereIsNoSingleSignOnAndEverybodyUsesPasswords() {
        SignOnSettings settings = settings();
        settings.issuer = Optional.empty();
        settings.check();
        assertThat(settings.singleSignOn()).isFalse();
        assertThat(settings.localLoginAllowed("anybody")).isTrue();
    }

    @Test
    void localLoginOffLeavesOnlyTheBreakGlassAdmin() {
        SignOnSettings settings = settings();
        settings.localLogin = false;
        settings.check();
        assertThat(settings.localLoginAllowed("admin")).isTrue();
        assertThat(settings.localLoginAllowed(" admin ")).isTrue();
        assertThat(settings.localLoginAllowed("Admin")).as("accounts are found by their exact name").isFalse();
        assertThat(settings.localLoginAllowed("alice")).isFalse();
        assertThat(settings.localLoginAllowed(null)).isFalse();
    }

    @Test
    void settingsThatCannotWorkStopTheStartNamingTheSetting() {
        SignOnSettings noProvider = settings();
        noProvider.issuer = Optional.empty();
        noProvider.localLogin = false;
        assertThatThrownBy(noProvider::check).hasMessageContaining("ses.auth.local=false");

        SignOnSettings badIssuer = settings();
        badIssuer.issuer = Optional.of("login.example.org/realms/x");
        assertThatThrownBy(badIssuer::check).hasMessageContaining("ses.auth.oidc.issuer");

        SignOnSettings noClient = settings();
        noClient.clientId = Optional.of(" ");
        assertThatThrownBy(noClient::check).hasMessageContaining("ses.auth.oidc.client-id");

        SignOnSettings noOpenId = settings();
        noOpenId.scopes = "profile email";
        assertThatThrownBy(noOpenId::check).hasMessageContaining("ses.auth.oidc.scopes");

        SignOnSettings badDefault = settings();
        badDefault.defaultRole = "superuser";
        assertThatThrownBy(badDefault::check).hasMessageContaining("ses.auth.oidc.default-role");

        SignOnSettings nobody = settings();
        nobody.adminGroups = Optional.empty();
        assertThatThrownBy(nobody::check).hasMessageContaining("gives nobody a role");

        SignOnSettings missingSecret = settings();
        missingSecret.clientSecretFile = Optional.of(directory.resolve("absent").toString());
        assertThatThrownBy(missingSecret::check).hasMessageContaining("ses.auth.oidc.client-secret-file");
    }

    @Test
    void theSecretComesFromTheSettingOrAFileAndIsOptional() throws Exception {
        SignOnSettings fromFile = settings();
        Path file = Files.writeString(directory.resolve("secret"), "s3cret-from-a-file\n");
        fromFile.clientSecretFile = Optional.of(file.toString());
        fromFile.check();
        assertThat(fromFile.clientSecret()).isEqualTo("s3cret-from-a-file");

        SignOnSettings direct = settings();
        direct.clientSecret = Optional.of("direct");
        direct.clientSecretFile = Optional.of(file.toString());
        direct.check();
        assertThat(direct.clientSecret()).isEqualTo("direct");

        SignOnSettings publicClient = settings();
        publicClient.check();
        assertThat(publicClient.clientSecret()).isNull();
        assertThat(publicClient.audience()).isEqualTo("ses");
        assertThat(publicClient.roles().roleOf(Map.of("groups", List.of("admins")))).contains(Role.ADMIN);
    }

    private static SignOnSettings settings() {
        SignOnSettings settings = new SignOnSettings();
        settings.localLogin = true;
        settings.breakGlassAdmin = "admin";
        settings.issuer = Optional.of("https://login.example.org/realms/company");
        settings.clientId = Optional.of("ses");
        settings.clientSecret = Optional.empty();
        settings.clientSecretFile = Optional.empty();
        settings.scopes = "openid profile email";
        settings.audience = Optional.empty();
        settings.usernameClaim = "preferred_username";
        settings.roleClaim = "groups";
        settings.adminGroups = Optional.of("admins");
        settings.userGroups = Optional.empty();
        settings.viewerGroups = Optional.empty();
        settings.defaultRole = "none";
        settings.providerName = "Keycloak";
        settings.timeout = Duration.ofSeconds(10);
        return settings;
    }
}
