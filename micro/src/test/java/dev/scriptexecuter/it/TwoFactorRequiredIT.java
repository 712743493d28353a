package dev.scriptexecuter.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static dev.scriptexecuter.it.TwoFactorIT.codeStep;
import static dev.scriptexecuter.it.TwoFactorIT.login;
import static dev.scriptexecuter.it.TwoFactorIT.totp;
import static dev.scriptexecuter.it.TwoFactorIT.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that requires a second factor of admins ({@code ses.auth.two-factor.required=admin}, its own: the
 * setting is the whole server's). The bootstrap admin gets no API token before it has one, sets it up at its
 * first dashboard login before anything else opens, then needs a code for tokens and cannot turn it off; a
 * viewer still logs in with its password alone.
 */
class TwoFactorRequiredIT extends BrowserTest {

    @TempDir
    Path home;

    @Test
    void anAdminSetsItUpAtItsFirstLoginAndCannotTurnItOff() throws Exception {
        try (MicroServer server = new MicroServer(home, "-Dses.auth.two-factor.required=admin").start()) {
            URI uri = server.uri();
            Api.Answer refused = new Api(uri).post("api/auth/token", login("admin", Api.ADMIN_PASSWORD, null));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().getString("detail")).contains("log in to the dashboard once");

            WebDriver browser = newBrowser();
            password(browser, uri);
            browser.get(uri.resolve("index.xhtml").toString());
            waitFor(browser, By.id("login:password")); // nothing but the set-up is open
            password(browser, uri);
            String secret = waitFor(browser, By.id("secret")).getText();
            assertThat(browser.findElements(By.cssSelector(".ses-qr svg"))).hasSize(1);
            codeStep(browser, wrongCode(secret));
            waitForText(browser, By.id("login:messages"), "The code is wrong or was used already.");
            assertThat(browser.findElement(By.id("secret")).getText()).as("the same secret, still to confirm")
                    .isEqualTo(secret);
            codeStep(browser, totp(secret, 0));
            // in, on the account page, with the recovery codes shown this once
            List<String> codes = waitOn(browser).until(page -> {
                List<String> shown = page.findElements(By.cssSelector("#recoveryCodes code")).stream()
                        .map(WebElement::getText).toList();
                return shown.isEmpty() ? null : shown;
            });
            assertThat(codes).hasSize(10);
            assertThat(browser.findElement(By.id("twoFactorState")).getText()).contains("On since")
                    .contains("Your role requires it.");
            assertThat(browser.findElements(By.id("twoFactor:disable"))).as("no way to turn it off").isEmpty();
            browser.get(uri.resolve("account.xhtml").toString());
            assertThat(waitFor(browser, By.id("twoFactorState")).getText()).contains("Recovery codes left: 10");
            assertThat(browser.findElements(By.id("recoveryCodes"))).as("shown once").isEmpty();

            Api.Answer withoutCode = new Api(uri).post("api/auth/token", login("admin", Api.ADMIN_PASSWORD, null));
            assertThat(withoutCode.status()).isEqualTo(401);
            assertThat(withoutCode.json().getString("field")).isEqualTo("code");
            Api.Answer token = new Api(uri).post("api/auth/token", login("admin", Api.ADMIN_PASSWORD, totp(secret, 1)));
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            Api admin = new Api(uri).with("Authorization", "Bearer " + token.json().getString("token"));
            assertThat(admin.get("api/account/two-factor").json().getBoolean("required")).isTrue();
            Api.Answer off = admin.post("api/account/two-factor/disable", "{\"code\": \"" + codes.getFirst() + "\"}");
            assertThat(off.status()).isEqualTo(403);
            assertThat(off.json().getString("detail")).contains("cannot be turned off");

            // other roles are not asked for one
            admin.createUser("plain-viewer", "plain-viewer-password", "viewer");
            assertThat(new Api(uri).post("api/auth/token", login("plain-viewer", "plain-viewer-password", null))
                    .status()).isEqualTo(200);
        }
    }

    private static void password(WebDriver browser, URI uri) {
        browser.get(uri.resolve("login.xhtml").toString());
        browser.findElement(By.id("login:username")).sendKeys("admin");
        browser.findElement(By.id("login:password")).sendKeys(Api.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        waitOn(browser).until(page -> page.getCurrentUrl().contains("login-enrol.xhtml"));
    }
}
