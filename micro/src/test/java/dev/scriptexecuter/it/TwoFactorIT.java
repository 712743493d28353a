package dev.scriptexecuter.it;

import dev.scriptexecuter.security.control.Base32;
import dev.scriptexecuter.security.control.Totp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-factor login of local accounts (TOTP, RFC 6238) on the shared server, whose accounts need none: set up
 * over the API and in the browser (the secret read from the page, as a person types it into an app), a login
 * with a one-time password, a wrong one and a reused one refused, a recovery code taken once, new recovery
 * codes, turning it off, an admin's reset. Codes are made here from the secret, with the RFC's algorithm; a
 * code for the next 30-second step stands in for waiting for it (the server takes one step either side).
 */
@ExtendWith(SharedServer.class)
class TwoFactorIT extends BrowserTest {

    private URI uri;
    private Api admin;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        admin = anonymous().asAdmin();
    }

    /**
     * A client sending from 127.0.0.2: the wrong codes sent here count against their address too (LoginThrottle),
     * and the other classes on this server log in from 127.0.0.1.
     */
    private Api anonymous() {
        try {
            return new Api(uri).from(java.net.InetAddress.getByName("127.0.0.2"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongCodesAreThrottledWithThePasswordsHoweverTheNameIsTypedAndWhereverTheyAreSent() {
        String name = "totp-throttle-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        admin.createUser(name, password, "user");
        Api user = anonymous().login(name, password);
        String secret = user.post("api/account/two-factor", "").json().getString("secret");
        assertThat(user.post("api/account/two-factor/confirm", code(totp(secret, 0))).status()).isEqualTo(200);
        // three wrong codes with the name padded, two wrong proofs for a change: five failures of one account
        for (int i = 0; i < 3; i++) {
            assertThat(anonymous().post("api/auth/token", login(" " + name + " ", password, wrongCode(secret)))
                    .status()).isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(user.post("api/account/two-factor/recovery-codes", code(wrongCode(secret))).status())
                    .isEqualTo(400);
        }
        // refused as too many from now on (for a few seconds, doubling): one of the next tries says so
        List<Integer> next = new java.util.ArrayList<>();
        for (int i = 0; i < 3 && !next.contains(429); i++) {
            next.add(anonymous().post("api/auth/token", login(" " + name + " ", password, wrongCode(secret)))
                    .status());
        }
        assertThat(next).as("the answers after five failures").contains(429);
        assertThat(admin.get("api/audit?limit=50&actor=" + name).body()).contains("to change the second factor");
    }

    @Test
    void theApiSetsItUpAndTokensThenNeedACodeUsedOnce() {
        String name = "totp-api-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        String userId = admin.createUser(name, password, "user");
        Api user = anonymous().login(name, password);
        assertThat(user.get("api/account/two-factor").json().getBoolean("enabled")).isFalse();

        JsonObject enrolment = user.post("api/account/two-factor", "").json();
        String secret = enrolment.getString("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrolment.getString("otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + secret)
                .contains(name);
        assertThat(enrolment.getString("qrSvg")).startsWith("<svg").contains("<path");
        assertThat(user.get("api/account/two-factor").json().getBoolean("enrolling")).isTrue();
        // not on yet: a password alone still gets a token
        assertThat(anonymous().post("api/auth/token", login(name, password, null)).status()).isEqualTo(200);

        Api.Answer wrong = user.post("api/account/two-factor/confirm", code(wrongCode(secret)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().getString("field")).isEqualTo("code");
        Api.Answer confirmed = user.post("api/account/two-factor/confirm", code(totp(secret, 0)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = strings(confirmed.json(), "codes");
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        JsonObject status = user.get("api/account/two-factor").json();
        assertThat(status.getBoolean("enabled")).isTrue();
        assertThat(status.getInt("recoveryCodesLeft")).isEqualTo(10);
        assertThat(status.getBoolean("required")).isFalse();
        // moving to another app is proven with a current code: a token alone cannot replace the factor
        Api.Answer unproven = user.post("api/account/two-factor", "");
        assertThat(unproven.status()).isEqualTo(400);
        assertThat(unproven.json().getString("field")).isEqualTo("code");
        assertThat(user.post("api/account/two-factor", code(wrongCode(secret))).status()).isEqualTo(400);

        // a token now needs the code as well
        Api.Answer without = anonymous().post("api/auth/token", login(name, password, null));
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.json().getString("field")).isEqualTo("code");
        assertThat(without.json().getString("detail")).contains("second factor");
        Api.Answer badCode = anonymous().post("api/auth/token", login(name, password, wrongCode(secret)));
        assertThat(badCode.status()).isEqualTo(401);
        assertThat(badCode.json().getString("detail")).isEqualTo("The code is wrong or was used already.");
        String next = totp(secret, 1);
        assertThat(anonymous().post("api/auth/token", login(name, password, next)).status()).isEqualTo(200);
        assertThat(anonymous().post("api/auth/token", login(name, password, next)).status())
                .as("the same code a second time").isEqualTo(401);
        assertThat(anonymous().post("api/auth/token", login(name, password, totp(secret, 0))).status())
                .as("an older code than the one used").isEqualTo(401);
        assertThat(anonymous().post("api/auth/token", login(name, "wrong-password", totp(secret, 1))).status())
                .as("a code does not stand in for the password").isEqualTo(401);

        // a recovery code logs in once, typed any way
        String first = recovery.getFirst();
        assertThat(anonymous().post("api/auth/token", login(name, password, first.toUpperCase().replace("-", " ")))
                .status()).isEqualTo(200);
        assertThat(anonymous().post("api/auth/token", login(name, password, first)).status()).isEqualTo(401);
        assertThat(user.get("api/account/two-factor").json().getInt("recoveryCodesLeft")).isEqualTo(9);
        // the token made before it was on still works: tokens and API keys are not affected
        assertThat(user.get("api/auth/me").status()).isEqualTo(200);

        // new recovery codes, proven by one of the old ones; the old ones stop working
        Api.Answer renewed = user.post("api/account/two-factor/recovery-codes", code(recovery.get(1)));
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        List<String> fresh = strings(renewed.json(), "codes");
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(recovery);
        assertThat(anonymous().post("api/auth/token", login(name, password, recovery.get(2))).status()).isEqualTo(401);
        assertThat(user.post("api/account/two-factor/recovery-codes", code("")).json().getString("field"))
                .isEqualTo("code");

        // an admin resets it (a lost phone): the password alone logs in again
        JsonObject reset = admin.delete("api/users/" + userId + "/two-factor").json();
        assertThat(reset.getBoolean("twoFactor")).isFalse();
        assertThat(anonymous().post("api/auth/token", login(name, password, null)).status()).isEqualTo(200);
        assertThat(admin.delete("api/users/" + userId + "/two-factor").status()).as("nothing left to reset")
                .isEqualTo(409);
        assertThat(admin.delete("api/users/" + UUID.randomUUID() + "/two-factor").status()).isEqualTo(404);

        // set up again and turned off by its owner, proven by a code
        String again = user.post("api/account/two-factor", "").json().getString("secret");
        assertThat(again).isNotEqualTo(secret);
        assertThat(user.post("api/account/two-factor/confirm", code(totp(again, 0))).status()).isEqualTo(200);
        assertThat(user.post("api/account/two-factor/disable", code(wrongCode(again))).status()).isEqualTo(400);
        assertThat(user.post("api/account/two-factor/disable", code(totp(again, 1))).status()).isEqualTo(204);
        assertThat(anonymous().post("api/auth/token", login(name, password, null)).status()).isEqualTo(200);

        String audit = admin.get("api/audit?limit=200&actor=" + name).body();
        assertThat(audit).contains("TWO_FACTOR_ENABLED").contains("RECOVERY_CODES_RENEWED")
                .contains("TWO_FACTOR_DISABLED").contains("wrong or reused one-time code");
        assertThat(admin.get("api/audit?limit=200&action=TWO_FACTOR_RESET").body()).contains(name);
    }

    @Test
    void aBrowserSetsItUpAndLogsInWithACodeOrARecoveryCodeOnce() {
        String name = "totp-web-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        admin.createUser(name, password, "viewer");
        WebDriver browser = newBrowser();
        logIn(browser, uri, name, password);
        browser.get(uri.resolve("account.xhtml").toString());
        assertThat(waitFor(browser, By.id("twoFactorState")).getText()).contains("Off");
        click(browser, By.id("twoFactor:start"));
        String secret = waitFor(browser, By.id("secret")).getText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(browser.findElements(By.cssSelector(".ses-qr svg"))).hasSize(1);
        // a wrong code is refused at its field
        browser.findElement(By.id("twoFactor:code")).sendKeys(wrongCode(secret));
        click(browser, By.id("twoFactor:confirm"));
        waitForText(browser, By.id("twoFactor:messages"), "The code is wrong");
        WebElement field = browser.findElement(By.id("twoFactor:code"));
        field.clear();
        field.sendKeys(totp(secret, 0));
        click(browser, By.id("twoFactor:confirm"));
        waitFor(browser, By.id("recoveryCodes"));
        List<String> recovery = browser.findElements(By.cssSelector("#recoveryCodes code")).stream()
                .map(WebElement::getText).toList();
        assertThat(recovery).hasSize(10);
        assertThat(browser.findElement(By.id("twoFactorState")).getText()).contains("On since")
                .contains("Recovery codes left: 10");
        logOut(browser);

        // the password leads to the code page, not in: nothing else is open yet
        passwordStep(browser, name, password);
        browser.get(uri.resolve("index.xhtml").toString());
        waitFor(browser, By.id("login:password"));
        passwordStep(browser, name, password);
        codeStep(browser, wrongCode(secret));
        waitForText(browser, By.id("login:messages"), "The code is wrong or was used already.");
        String next = totp(secret, 1);
        codeStep(browser, next);
        waitFor(browser, By.cssSelector(".ses-who"));
        logOut(browser);

        passwordStep(browser, name, password);
        codeStep(browser, next);
        waitForText(browser, By.id("login:messages"), "The code is wrong or was used already.");
        codeStep(browser, recovery.get(3));
        waitFor(browser, By.cssSelector(".ses-who"));
        browser.get(uri.resolve("account.xhtml").toString());
        assertThat(waitFor(browser, By.id("twoFactorState")).getText()).contains("Recovery codes left: 9");
        logOut(browser);

        passwordStep(browser, name, password);
        codeStep(browser, recovery.get(3));
        waitForText(browser, By.id("login:messages"), "The code is wrong or was used already.");
        // the code page without a password step before it sends back to the login page
        browser.manage().deleteAllCookies();
        browser.get(uri.resolve("login-code.xhtml").toString());
        waitFor(browser, By.id("login:password"));
    }

    private void passwordStep(WebDriver browser, String name, String password) {
        browser.get(uri.resolve("login.xhtml").toString());
        browser.findElement(By.id("login:username")).sendKeys(name);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        waitOn(browser).until(page -> page.getCurrentUrl().contains("login-code.xhtml"));
    }

    /** Types a code on the login's second page (the code page or the set-up page) and sends it. */
    static void codeStep(WebDriver browser, String code) {
        WebElement field = waitFor(browser, By.id("login:code"));
        field.clear();
        field.sendKeys(code);
        browser.findElement(By.id("login:submit")).click();
    }

    private static void logOut(WebDriver browser) {
        click(browser, By.id("session:logout"));
        waitFor(browser, By.id("login:username"));
    }

    /** The one-time password of the step {@code ahead} steps from now. */
    static String totp(String secret, int ahead) {
        return Totp.of(Base32.decode(secret)).code(Totp.step(Instant.now()) + ahead);
    }

    /** Six digits that are none of the codes the server would take now. */
    static String wrongCode(String secret) {
        Totp totp = Totp.of(Base32.decode(secret));
        long step = Totp.step(Instant.now());
        List<String> taken = List.of(totp.code(step - 1), totp.code(step), totp.code(step + 1), totp.code(step + 2));
        for (int candidate = 0; ; candidate++) {
            String code = "%06d".formatted(candidate);
            if (!taken.contains(code)) {
                return code;
            }
        }
    }

    static String login(String name, String password, String code) {
        return "{\"username\": %s, \"password\": %s%s}".formatted(quote(name), quote(password),
                code == null ? "" : ", \"code\": " + quote(code));
    }

    private static String code(String code) {
        return "{\"code\": %s}".formatted(quote(code));
    }

    private static List<String> strings(JsonObject json, String name) {
        return json.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
