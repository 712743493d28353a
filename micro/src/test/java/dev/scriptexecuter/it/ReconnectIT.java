package dev.scriptexecuter.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dashboard page left open while its server is killed and started again
 * says it lost the connection, comes back by itself once the server answers
 * (on the login page, as the session died with the server), and after
 * logging in it receives pushed updates again. (It runs unsandboxed, and the
 * header says so.)
 */
class ReconnectIT extends BrowserTest {

    private static final Duration RESTART = Duration.ofMinutes(3);

    @TempDir
    Path home;

    @Test
    void anOpenPageReconnectsAfterAServerRestart() throws Exception {
        try (MicroServer server = new MicroServer(home, "-Dses.sandbox=off").start()) {
            String script = new Api(server.uri()).asAdmin().createScript("{\"name\": \"after-restart\", \"mainCode\": %s}"
                    .formatted(quote("def main(data):\n    print('hello again')\n")));
            WebDriver browser = newBrowser();
            logIn(browser, server.uri(), "admin", Api.ADMIN_PASSWORD);
            awaitSocket(browser);
            assertThat(browser.findElement(By.id("ses-offline")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("session:not-sandboxed")).getAttribute("title"))
                    .as("this server runs with ses.sandbox=off").contains("ses.sandbox=off");
            assertThat(Files.readString(server.logFile())).contains("Runs are NOT sandboxed");

            server.kill();
            waitFor(browser, By.id("ses-offline"));

            server.start();
            new WebDriverWait(browser, RESTART).until(ExpectedConditions.urlContains("login.xhtml"));
            logIn(browser, server.uri(), "admin", Api.ADMIN_PASSWORD);
            browser.get(server.uri().resolve("index.xhtml").toString());
            awaitSocket(browser);
            js(browser, "window.sesNotReloaded = true;");

            Api api = new Api(server.uri()).asAdmin();
            api.awaitFinished(api.run(script, true), WAIT);
            waitForText(browser, By.cssSelector("#list\\:scripts_data > tr"), "SUCCEEDED");
            assertThat(js(browser, "return window.sesNotReloaded === true;")).as("updated by push, not reloaded")
                    .isEqualTo(true);
        }
    }
}
