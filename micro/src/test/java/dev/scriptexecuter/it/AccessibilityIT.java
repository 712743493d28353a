package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard page checked by axe-core (the npm registry's package, injected into the page) in the light
 * and the dark theme, at a desktop's and a phone's width: no violation of impact "serious" or "critical"
 * (WCAG 2.2 A and AA: contrast, names and labels, landmarks, ARIA).
 */
@ExtendWith(SharedServer.class)
class AccessibilityIT extends BrowserTest {

    private URI uri;
    private Api api;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
    }

    @Test
    void noPageHasSeriousAccessibilityProblemsInEitherThemeOrWidth() {
        String name = "axe-" + UUID.randomUUID().toString().substring(0, 8);
        String script = api.createScript(("{\"name\": %s, \"description\": \"checked by axe\", \"mainCode\": %s,"
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1h\"}, \"tags\": [\"axe\", \"nightly\"]}")
                .formatted(quote(name), quote("def main(data):\n    print('hello')\n")));
        // the script page's chain, the run page's links to the runs its chain started, a trigger URL listed
        String next = api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\"}"
                .formatted(quote(name + " next")));
        assertThat(api.put("api/scripts/" + script + "/chain", "{\"steps\": [{\"script\": %s}]}".formatted(quote(next)))
                .status()).isEqualTo(200);
        assertThat(api.post("api/scripts/" + script + "/hooks", "{\"name\": \"axe\"}").status()).isEqualTo(201);
        String run = api.run(script, true);
        api.awaitFinished(run, Duration.ofMinutes(1));
        List<String> pages = List.of("overview.xhtml", "index.xhtml", "runs.xhtml", "runs.xhtml?script=" + script,
                "run.xhtml?id=" + run, "script.xhtml", "script.xhtml?id=" + script, "script-history.xhtml?id=" + script,
                "environments.xhtml", "variables.xhtml", "variables.xhtml?script=" + script, "webhook.xhtml",
                "webhook.xhtml?script=" + script, "account.xhtml", "api-keys.xhtml", "admin/users.xhtml",
                "admin/audit.xhtml", "api-docs.xhtml", "logs.xhtml", "logs.xhtml?q=hello", "hooks.xhtml?id=" + script);

        WebDriver browser = newBrowser();
        List<String> problems = new ArrayList<>(check(browser, "login.xhtml"));
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        for (String scheme : List.of("light", "dark")) {
            colorScheme(browser, scheme);
            for (String page : pages) {
                // opened on a desktop's width, then narrowed to a phone's as a window is, which spares most pages
                // a second load; a page whose widgets measured the desktop's width when they were made (the code
                // editors) is wider than the phone then, and is loaded again at the phone's width
                screen(browser, 1400, 900);
                problems.addAll(check(browser, page).stream().map(problem -> scheme + ", 1400 px: " + problem).toList());
                screen(browser, 414, 900);
                settle(browser);
                List<String> narrow = Long.valueOf(414).equals(js(browser, "return window.innerWidth;"))
                        ? scanned(browser, page) : check(browser, page);
                problems.addAll(narrow.stream().map(problem -> scheme + ", 414 px: " + problem).toList());
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    /**
     * Pages as they are while being used, not only as they open: message boxes after a refused form (every page
     * shows them the same way), and Swagger UI with an operation tried out and its Authorize dialog open.
     */
    @Test
    void pagesInUseHaveNoSeriousAccessibilityProblemsEither() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        List<String> problems = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            colorScheme(browser, scheme);
            browser.get(uri.resolve("account.xhtml").toString());
            waitFor(browser, By.id("password:change")).click();
            waitFor(browser, By.cssSelector("#password\\:messages .ui-messages-error"));
            problems.addAll(scanned(browser, scheme + ", account.xhtml with a message"));
            // two-factor set-up begun: the QR code, the secret and its code field (nothing counts until confirmed)
            waitFor(browser, By.id("twoFactor:start")).click();
            waitFor(browser, By.cssSelector(".ses-qr svg"));
            problems.addAll(scanned(browser, scheme + ", account.xhtml setting up two-factor login"));

            browser.get(uri.resolve("api-docs.xhtml").toString());
            waitFor(browser, By.cssSelector("#swagger-ui .opblock-get"));
            js(browser, "var block = Array.from(document.querySelectorAll('.opblock-get')).find(function (b) {"
                    + " return b.querySelector('.opblock-summary-path').textContent.trim() === '/api/scripts'; });"
                    + " block.id = 'tried'; block.querySelector('.opblock-summary-control').click();");
            waitFor(browser, By.cssSelector("#tried .try-out__btn")).click();
            waitFor(browser, By.cssSelector("#tried .execute")).click();
            assertThat(waitFor(browser, By.cssSelector("#tried .live-responses-table tbody .response-col_status"))
                    .getText()).as("Try it out calls the API as the person logged in").isEqualTo("200");
            browser.findElement(By.cssSelector(".btn.authorize")).click();
            waitFor(browser, By.cssSelector(".modal-ux"));
            problems.addAll(scanned(browser, scheme + ", api-docs.xhtml tried out, Authorize open"));
        }
        // a login's second step, for an account with a second factor
        String name = "axe-totp-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(name, "axe-totp-password", "viewer");
        Api user = new Api(uri).login(name, "axe-totp-password");
        String secret = user.post("api/account/two-factor", "").json().getString("secret");
        assertThat(user.post("api/account/two-factor/confirm", "{\"code\": %s}"
                .formatted(quote(TwoFactorIT.totp(secret, 0)))).status()).isEqualTo(200);
        WebDriver second = newBrowser();
        second.get(uri.resolve("login.xhtml").toString());
        second.findElement(By.id("login:username")).sendKeys(name);
        second.findElement(By.id("login:password")).sendKeys("axe-totp-password");
        second.findElement(By.id("login:submit")).click();
        waitFor(second, By.id("login:code"));
        for (String scheme : List.of("light", "dark")) {
            colorScheme(second, scheme);
            problems.addAll(check(second, "login-code.xhtml").stream().map(problem -> scheme + ": " + problem).toList());
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    /**
     * Gives a page's code editors time to load and be named (Monaco loads after the page); an editor still
     * unnamed after that is axe-core's to report.
     */
    private static void awaitEditorsNamed(WebDriver browser) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.TRUE.equals(js(b,
                    "return !document.querySelector('.monaco-editor textarea:not([aria-label]),"
                            + " .monaco-editor textarea[aria-label=\"\"]');")));
        } catch (TimeoutException unnamed) {
            // reported below
        }
    }

    /** axe-core's serious and critical violations on one page, one line each with the elements it names. */
    private List<String> check(WebDriver browser, String page) {
        browser.get(uri.resolve(page).toString());
        settle(browser);
        waitFor(browser, By.cssSelector("h1"));
        awaitEditorsNamed(browser);
        if (page.startsWith("api-docs")) {
            waitFor(browser, By.cssSelector("#swagger-ui .opblock")); // Swagger UI draws after loading the document
        }
        return scanned(browser, page);
    }
}
