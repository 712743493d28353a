package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a viewer sees: a script page that is read-only and says so, and the pages their role may not open
 * answered inside the dashboard's layout, as are missing pages and server errors.
 */
@ExtendWith(SharedServer.class)
class ViewerPagesIT extends BrowserTest {

    private static final String CODE = "def main(data):\n    print('as saved')\n";

    private URI uri;
    private Api api;
    private String viewer;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
        viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(viewer, "viewer-password-1", "viewer");
    }

    @Test
    void aViewersScriptPageIsReadOnlyAndSaysSo() {
        String name = "read-only-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"schedule\": {\"kind\": \"interval\","
                + " \"every\": \"1h\"}}").formatted(quote(name), quote(CODE)));
        WebDriver browser = newBrowser();
        logIn(browser, uri, viewer, "viewer-password-1");
        browser.get(uri.resolve("script.xhtml?id=" + id).toString());

        assertThat(waitFor(browser, By.id("editor:readOnly")).getText()).startsWith("Read only.").contains("viewer");
        assertThat(browser.findElements(By.id("editor:save"))).as("no Save button").isEmpty();
        WebElement field = browser.findElement(By.id("editor:name"));
        field.sendKeys(" changed");
        assertThat(field.getDomProperty("value")).as("typing into a field changes nothing").isEqualTo(name);
        WebElement every = browser.findElement(By.id("editor:every"));
        String interval = every.getDomProperty("value");
        every.sendKeys("5m");
        assertThat(every.getDomProperty("value")).isEqualTo(interval).isNotEmpty();

        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        browser.findElement(By.cssSelector("#editor\\:code\\:mainCode .monaco-editor textarea")).sendKeys(
                Keys.END, "# typed by a viewer");
        assertThat(js(browser, "return PF('mainEditor').getMonaco().getValue();"))
                .as("typing into the code changes nothing").isEqualTo(CODE);
        assertThat(api.get("api/scripts/" + id).json().getString("mainCode")).isEqualTo(CODE);
    }

    @Test
    void pagesARoleMayNotOpenMissingPagesAndErrorsAnswerInsideTheLayout() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, viewer, "viewer-password-1");
        for (String page : new String[] {"admin/users.xhtml", "admin/audit.xhtml"}) {
            browser.get(uri.resolve(page).toString());
            assertThat(waitFor(browser, By.cssSelector("main h1#headline")).getText())
                    .as(page).isEqualTo("Your role does not allow this page.");
            assertThat(browser.findElement(By.id("explanation")).getText()).contains("ask an admin");
            assertThat(browser.findElement(By.id("ses-menu")).isDisplayed()).as("the menu is there").isTrue();
            assertThat(browser.getPageSource()).doesNotContain("HTTP Status");
        }
        screenshot(browser, "error-403");

        browser.get(uri.resolve("no-such-page.xhtml").toString());
        assertThat(waitFor(browser, By.cssSelector("main h1#headline")).getText()).isEqualTo("There is no such page.");
        assertThat(browser.findElement(By.id("ses-menu")).isDisplayed()).isTrue();

        browser.get(uri.resolve("error.xhtml?ref=0123456789ab").toString());
        assertThat(waitFor(browser, By.cssSelector("main h1#headline")).getText())
                .isEqualTo("Something went wrong on the server.");
        assertThat(browser.findElement(By.id("reference")).getText()).contains("0123456789ab");

        browser.get(uri.resolve("index.xhtml?expired=true").toString());
        assertThat(waitFor(browser, By.id("ses-expired")).getText()).contains("expired");
    }
}
