package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on against a real Keycloak, started for this class with two realms it imports from files written
 * here: {@code ses}, the one the server signs on with (groups ses-admins, ses-users, ses-viewers mapped to the
 * roles, "other" mapped to none), and {@code other}, a realm with the same client and groups whose tokens must
 * count for nothing. The server has local passwords switched off ({@code ses.auth.local=false}); its bootstrap
 * admin is the break-glass admin. The client secret comes from a file.
 */
class KeycloakIT extends BrowserTest {

    private static final String CLIENT = "script-executer";
    private static final String SECRET = "kc-client-secret-for-the-tests";
    private static final By SSO = By.cssSelector("#login\\:sso a");

    @TempDir
    static Path home;

    private static KeycloakServer keycloak;
    private static MicroServer server;
    private static URI uri;
    private static WildFlyServer wildFly;
    private static List<String> settings;

    @BeforeAll
    static void start() throws Exception {
        server = null;
        Path secretFile = home.resolve("client-secret");
        Files.writeString(secretFile, SECRET + "\n");
        keycloak = new KeycloakServer(home.resolve("keycloak"));
        settings = List.of(
                "-Dses.auth.local=false",
                "-Dses.auth.oidc.issuer=" + keycloak.issuer("ses"),
                "-Dses.auth.oidc.client-id=" + CLIENT,
                "-Dses.auth.oidc.client-secret-file=" + secretFile,
                "-Dses.auth.oidc.admin-groups=ses-admins",
                "-Dses.auth.oidc.user-groups=ses-users",
                "-Dses.auth.oidc.viewer-groups=ses-viewers",
                "-Dses.auth.oidc.name=Keycloak");
        // the servers' ports are known before they start: the realms name their addresses
        MicroServer micro = new MicroServer(home.resolve("server"), settings.toArray(String[]::new));
        uri = micro.uri();
        wildFly = new WildFlyServer(Files.createDirectories(home.resolve("wildfly")));
        List<URI> servers = List.of(uri, wildFly.uri());
        keycloak.realm("ses", realm("ses", servers, List.of(
                user("alice", "ses-admins"), user("bob", "ses-viewers"), user("carol", "other"),
                user("dave", "ses-viewers"), user("erin", "ses-users"), user("gina", "ses-users"))));
        keycloak.realm("other", realm("other", servers, List.of(user("alice", "ses-admins"))));
        keycloak.start();
        server = micro.start();
        keycloak.awaitReady("ses");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (wildFly != null) {
            wildFly.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aBrowserLogsInThroughKeycloakWithItsGroupsRoleAndLogsOutThereToo() {
        WebDriver browser = newBrowser();
        browser.get(uri.resolve("login.xhtml").toString());
        assertThat(waitFor(browser, By.id("login:sso")).getText()).isEqualTo("Log in with Keycloak");
        assertThat(browser.findElement(By.id("login:username")).isDisplayed())
                .as("the password form is folded away for the break-glass admin").isFalse();
        List<String> problems = new java.util.ArrayList<>(scanned(browser, "login.xhtml"));
        click(browser, By.cssSelector(".ses-break-glass summary"));
        problems.addAll(scanned(browser, "login.xhtml, unfolded"));

        click(browser, SSO);
        keycloakLogin(browser, "alice");
        assertThat(waitFor(browser, By.id("who")).getText()).isEqualTo("alice (admin)");
        browser.get(uri.resolve("account.xhtml").toString());
        assertThat(waitFor(browser, By.id("external")).getText()).contains("You log in through Keycloak");
        assertThat(browser.findElements(By.id("password:current"))).as("no password of its own").isEmpty();
        browser.get(uri.resolve("admin/users.xhtml").toString());
        assertThat(waitFor(browser, By.id("users:table")).getText()).contains("alice").contains("single sign-on");

        problems.addAll(scanned(browser, "admin/users.xhtml"));
        browser.get(uri.resolve("account.xhtml").toString());
        waitFor(browser, By.id("external"));
        problems.addAll(scanned(browser, "account.xhtml"));
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();

        click(browser, By.id("session:logout"));
        waitOn(browser).until(page -> page.getCurrentUrl().startsWith(uri.resolve("login.xhtml").toString()));
        // the session at Keycloak ended too: signing on again asks for the password again
        click(browser, SSO);
        waitFor(browser, By.id("kc-login"));
        assertThat(browser.getCurrentUrl()).startsWith(keycloak.issuer("ses"));
    }

    @Test
    void somebodyInNoMappedGroupIsRefusedWithAPageSayingWhy() {
        WebDriver browser = newBrowser();
        browser.get(uri.resolve("login.xhtml").toString());
        click(browser, SSO);
        keycloakLogin(browser, "carol");
        assertThat(waitFor(browser, By.id("reason")).getText()).contains("(carol) is in none of the groups that give"
                + " a role here");
        assertThat(browser.getCurrentUrl()).isEqualTo(uri.resolve("login-refused.xhtml").toString());
        assertThat(scanned(browser, "login-refused.xhtml")).as("serious or critical axe-core violations").isEmpty();
        browser.get(uri.resolve("overview.xhtml").toString());
        waitFor(browser, By.id("login:sso")); // not logged in
        // no account was made for carol
        Api.Answer users = admin().get("api/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains("\"admin\"").doesNotContain("\"carol\"");
    }

    @Test
    void aChangedGroupInKeycloakChangesTheRoleAtTheNextLogin() throws Exception {
        WebDriver browser = newBrowser();
        browser.get(uri.resolve("login.xhtml").toString());
        click(browser, SSO);
        keycloakLogin(browser, "dave");
        assertThat(waitFor(browser, By.id("who")).getText()).isEqualTo("dave (viewer)");

        keycloak.moveUser("ses", "dave", "ses-viewers", "ses-users");
        WebDriver later = newBrowser();
        later.get(uri.resolve("login.xhtml").toString());
        click(later, SSO);
        keycloakLogin(later, "dave");
        assertThat(waitFor(later, By.id("who")).getText()).isEqualTo("dave (user)");
        JsonObject dave = jakarta.json.Json.createReader(new java.io.StringReader(admin().get("api/users").body()))
                .readArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("dave")).findFirst().orElseThrow();
        assertThat(dave.getString("role")).isEqualTo("user");
        assertThat(dave.getBoolean("external")).isTrue();

        // the role is the provider's to give; an admin here can still disable the account
        Api.Answer demote = admin().put("api/users/" + dave.getString("id"), "{\"role\": \"viewer\"}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().getString("field")).isEqualTo("role");
        assertThat(admin().put("api/users/" + dave.getString("id"), "{\"enabled\": false}").status()).isEqualTo(200);
        Api.Answer disabled = signedOn("dave").get("api/auth/me");
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.json().getString("detail")).contains("disabled here");
        // what an admin disabled stays disabled when the provider's groups change and give a role again
        keycloak.moveUser("ses", "dave", "ses-users", "other");
        assertThat(signedOn("dave").get("api/auth/me").json().getString("detail")).contains("none of the groups");
        keycloak.moveUser("ses", "dave", "other", "ses-users");
        Api.Answer still = signedOn("dave").get("api/auth/me");
        assertThat(still.status()).isEqualTo(403);
        assertThat(still.json().getString("detail")).contains("disabled here");
    }

    @Test
    void leavingEveryMappedGroupDisablesTheAccountWithItsKeysUntilAGroupGivesARoleAgain() throws Exception {
        Api gina = signedOn("gina");
        Api.Answer key = gina.post("api/api-keys", "{\"name\": \"gina-cli\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        Api withKey = new Api(uri).with("X-API-Key", key.json().getString("key"));
        assertThat(withKey.get("api/auth/me").status()).isEqualTo(200);

        keycloak.moveUser("ses", "gina", "ses-users", "other");
        Api.Answer refused = signedOn("gina").get("api/auth/me");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(withKey.get("api/auth/me").status()).as("her key made here stops too").isEqualTo(401);
        // an admin's edit that does not say "enabled" leaves the provider's decision as it is
        JsonObject account = jakarta.json.Json.createReader(new java.io.StringReader(admin().get("api/users").body()))
                .readArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("gina")).findFirst().orElseThrow();
        assertThat(account.getBoolean("enabled")).isFalse();
        assertThat(admin().put("api/users/" + account.getString("id"), "{}").status()).isEqualTo(200);

        keycloak.moveUser("ses", "gina", "other", "ses-viewers");
        Api.Answer back = signedOn("gina").get("api/auth/me");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().getString("role")).isEqualTo("viewer");
        assertThat(withKey.get("api/auth/me").status()).isEqualTo(200);
    }

    @Test
    void theApiTakesKeycloakAccessTokensWithTheMappedRoleAndNoOtherRealmsTokens() throws Exception {
        Api bob = signedOn("bob");
        Api.Answer me = bob.get("api/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().getString("role")).isEqualTo("viewer");
        assertThat(bob.get("api/scripts").status()).isEqualTo(200);
        assertThat(bob.post("api/scripts", "{\"name\": \"kc-viewer-script\", \"mainCode\": \"def main(data):\\n"
                + "    return data\\n\"}").status()).as("a viewer writes nothing").isEqualTo(403);

        JsonObject aliceTokens = keycloak.tokens("ses", CLIENT, SECRET, "alice", "alice-password");
        Api alice = bearer(aliceTokens.getString("access_token"));
        assertThat(alice.get("api/users").status()).isEqualTo(200);
        Api.Answer script = alice.post("api/scripts", "{\"name\": \"kc-admin-script\", \"mainCode\": \"def main(data):\\n"
                + "    return data\\n\"}");
        assertThat(script.status()).as(script.body()).isEqualTo(201);

        String otherRealm = accessToken("other", "alice");
        Api.Answer refused = bearer(otherRealm).get("api/auth/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(bearer(aliceTokens.getString("id_token")).get("api/auth/me").status())
                .as("an ID token is no access token").isEqualTo(401);
        assertThat(bearer(aliceTokens.getString("access_token") + "x").get("api/auth/me").status()).isEqualTo(401);

        Api.Answer carol = signedOn("carol").get("api/scripts");
        assertThat(carol.status()).isEqualTo(403);
        assertThat(carol.json().getString("detail")).contains("none of the groups");

        // the server's own tokens and API keys keep working beside them
        Api.Answer key = alice.post("api/api-keys", "{\"name\": \"alice-cli\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(new Api(uri).with("X-API-Key", key.json().getString("key")).get("api/auth/me").json()
                .getString("username")).isEqualTo("alice");
    }

    @Test
    void localPasswordsAreOffExceptForTheBreakGlassAdmin() {
        Api admin = admin();
        admin.createUser("frank", "frank-password-1", "user");
        Api.Answer frank = new Api(uri).post("api/auth/token", "{\"username\": \"frank\", \"password\":"
                + " \"frank-password-1\"}");
        // answered as a wrong password, so the answer does not tell which account is the break-glass one
        assertThat(frank.status()).isEqualTo(401);
        assertThat(frank.json().getString("detail")).startsWith("The username or password is wrong.")
                .contains("switched off").contains("single sign-on");
        Api.Answer breakGlassWrong = new Api(uri).post("api/auth/token", "{\"username\": \"admin\", \"password\":"
                + " \"not-the-password\"}");
        assertThat(breakGlassWrong.status()).isEqualTo(frank.status());
        assertThat(breakGlassWrong.json().getString("detail")).as("the same answer: nothing tells the accounts apart")
                .isEqualTo(frank.json().getString("detail"));

        WebDriver browser = newBrowser();
        browser.get(uri.resolve("login.xhtml").toString());
        click(browser, By.cssSelector(".ses-break-glass summary"));
        browser.findElement(By.id("login:username")).sendKeys("frank");
        browser.findElement(By.id("login:password")).sendKeys("frank-password-1");
        click(browser, By.id("login:submit"));
        waitForText(browser, By.id("login:messages"), "The username or password is wrong.");
        click(browser, By.cssSelector(".ses-break-glass summary"));
        browser.findElement(By.id("login:username")).clear();
        browser.findElement(By.id("login:username")).sendKeys("admin");
        browser.findElement(By.id("login:password")).sendKeys(Api.ADMIN_PASSWORD);
        click(browser, By.id("login:submit"));
        assertThat(waitFor(browser, By.id("who")).getText()).isEqualTo("admin (admin)");

        // an answer from the identity provider that no login here asked for: refused, and nobody logged out
        browser.get(uri.resolve("sso/callback?state=forged&code=forged").toString());
        assertThat(waitFor(browser, By.id("reason")).getText()).contains("did not begin here");
        browser.get(uri.resolve("overview.xhtml").toString());
        assertThat(waitFor(browser, By.id("who")).getText()).isEqualTo("admin (admin)");
    }

    @Test
    void anIdentityProviderUserNeverTakesOverALocalAccountOfTheSameName() throws Exception {
        admin().createUser("erin", "erin-local-password", "admin");
        Api.Answer erin = signedOn("erin").get("api/auth/me");
        assertThat(erin.status()).isEqualTo(409);
        assertThat(erin.json().getString("detail")).contains("An account named 'erin' exists here already");
    }

    /**
     * The same mechanism in the EAR on WildFly (Jakarta Security's own OpenID Connect mechanism is not used on
     * either server: README, Single sign-on): a browser signs on through Keycloak and lands with its group's
     * role, and the API takes a Keycloak access token, not one of another realm.
     */
    @Test
    void theEarOnWildFlySignsOnTheSameWay() throws Exception {
        wildFly.start(TestDatabase.server().recreate("ses_wildfly_sso"), settings);
        URI base = wildFly.uri();
        WebDriver browser = newBrowser();
        browser.get(base.resolve("login.xhtml").toString());
        click(browser, SSO);
        keycloakLogin(browser, "alice");
        assertThat(waitFor(browser, By.id("who")).getText()).isEqualTo("alice (admin)");
        assertThat(browser.getCurrentUrl()).startsWith(base.toString());

        String bob = accessToken("ses", "bob");
        Api.Answer me = new Api(base).with("Authorization", "Bearer " + bob).get("api/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().getString("role")).isEqualTo("viewer");
        String otherRealm = accessToken("other", "alice");
        assertThat(new Api(base).with("Authorization", "Bearer " + otherRealm).get("api/auth/me").status())
                .isEqualTo(401);
        Api.Answer local = new Api(base).post("api/auth/token", "{\"username\": \"admin\", \"password\": "
                + Api.quote(Api.ADMIN_PASSWORD) + "}");
        assertThat(local.status()).as("the break-glass admin: " + local.body()).isEqualTo(200);
    }

    private static void keycloakLogin(WebDriver browser, String username) {
        waitFor(browser, By.id("kc-login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(username + "-password");
        browser.findElement(By.id("kc-login")).click();
    }

    private static Api admin() {
        return new Api(uri).asAdmin();
    }

    /** The API as a Keycloak user of the realm {@code ses} (the password grant; their password is name-password). */
    private static Api signedOn(String username) throws Exception {
        return bearer(accessToken("ses", username));
    }

    private static String accessToken(String realm, String username) throws Exception {
        return keycloak.tokens(realm, CLIENT, SECRET, username, username + "-password").getString("access_token");
    }

    private static Api bearer(String token) {
        return new Api(uri).with("Authorization", "Bearer " + token);
    }

    private static String user(String name, String group) {
        return """
                {"username": "%1$s", "enabled": true, "email": "%1$s@example.org", "emailVerified": true,
                 "firstName": "%1$s", "lastName": "Tester", "requiredActions": [],
                 "credentials": [{"type": "password", "value": "%1$s-password", "temporary": false}],
                 "groups": ["/%2$s"]}""".formatted(name, group);
    }

    /**
     * A realm with the server's client (confidential, PKCE S256 required, the password grant on for the API
     * tests), a mapper putting the groups (by name) into ID and access tokens and one naming the client as the
     * access tokens' audience.
     */
    private static String realm(String name, List<URI> servers, List<String> users) {
        List<String> bases = servers.stream().map(server -> server.toString().replaceAll("/$", "")).toList();
        String redirects = bases.stream().map(base -> "\"" + base + "/sso/callback\"")
                .collect(java.util.stream.Collectors.joining(", "));
        String afterLogout = bases.stream().map(base -> base + "/login.xhtml")
                .collect(java.util.stream.Collectors.joining("##"));
        return """
                {"realm": "%s", "enabled": true,
                 "groups": [{"name": "ses-admins"}, {"name": "ses-users"}, {"name": "ses-viewers"}, {"name": "other"}],
                 "clients": [{"clientId": "%s", "enabled": true, "publicClient": false, "secret": "%s",
                   "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
                   "redirectUris": [%s], "webOrigins": [],
                   "attributes": {"pkce.code.challenge.method": "S256",
                                  "post.logout.redirect.uris": "%s"},
                   "protocolMappers": [
                     {"name": "groups", "protocol": "openid-connect", "protocolMapper": "oidc-group-membership-mapper",
                      "config": {"claim.name": "groups", "full.path": "false", "id.token.claim": "true",
                                 "access.token.claim": "true", "userinfo.token.claim": "true"}},
                     {"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
                      "config": {"included.client.audience": "%s", "access.token.claim": "true",
                                 "id.token.claim": "false"}}]}],
                 "users": [%s]}""".formatted(name, CLIENT, SECRET, redirects, afterLogout, CLIENT,
                String.join(",", users));
    }
}
