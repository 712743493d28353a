package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API keys page in headless Chromium, on a phone's width: a key made in the browser is shown once, works
 * against the REST API and stops working when revoked there; names are text, refusals are shown at their field
 * and write nothing; an admin makes a key for another account, whose viewer sees it read-only.
 */
@ExtendWith(SharedServer.class)
class ApiKeysPageIT extends BrowserTest {

    private static final String PASSWORD = "keys-password-1";
    private static final int PHONE = 414;

    private URI uri;
    private Api admin;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        admin = new Api(uri).asAdmin();
    }

    @Test
    void aKeyMadeInTheBrowserIsShownOnceWorksAndStopsWhenRevoked() {
        String user = account("user");
        Api asUser = new Api(uri).login(user, PASSWORD);
        String name = "<b id=\"pwned\">bold</b> deploy";
        WebDriver browser = newBrowser();
        screen(browser, PHONE, 900);
        logIn(browser, uri, user, PASSWORD);
        browser.get(uri.resolve("api-keys.xhtml").toString());
        assertThat(waitFor(browser, By.id("keys:table")).getText()).contains("A key lets a script");
        assertThat(browser.findElement(By.cssSelector("#ses-menu a.active")).getDomProperty("textContent"))
                .isEqualTo("API keys");

        click(browser, By.id("create:submit"));
        waitForText(browser, By.cssSelector("#create .ui-message-error"), "An API key needs a name");
        assertThat(browser.findElements(By.cssSelector("#create\\:name.ui-state-error"))).hasSize(1);
        assertThat(asUser.get("api/api-keys").body()).as("nothing made").isEqualTo("[]");

        browser.findElement(By.id("create:name")).sendKeys(name);
        click(browser, By.id("create:submit"));
        String key = waitFor(browser, By.id("newKey")).getDomProperty("value");
        assertThat(key).startsWith("ses_");
        assertThat(js(browser, "return document.activeElement.id;")).isEqualTo("newKey");
        assertThat(browser.findElement(By.id("example")).getText())
                .isEqualTo("curl -H 'X-API-Key: " + key + "' " + uri.resolve("api/scripts"));
        assertThat(browser.findElement(By.cssSelector(".ses-secret")).getText()).contains("it is not shown again");
        click(browser, By.id("copyKey"));
        waitForText(browser, By.id("copyStatus"), "Copied.");
        assertThat(policyViolations(browser)).as("what the Content-Security-Policy refused").isEmpty();
        By row = By.xpath("//tbody[@id='keys:table_data']/tr[contains(., 'bold</b> deploy')]");
        assertThat(waitFor(browser, row).getText()).contains("never");
        assertThat(browser.findElements(By.id("pwned"))).as("the name is text, not markup").isEmpty();
        assertThat(sidewaysOverflow(browser)).as("sideways scrolling with the new key shown").isZero();
        screenshot(browser, "api-key-new-414");

        assertThat(new Api(uri).with("X-API-Key", key).get("api/scripts").status()).isEqualTo(200);
        browser.navigate().refresh();
        assertThat(waitFor(browser, row).getText()).as("last used").doesNotContain("never");
        assertThat(browser.findElements(By.id("newKey"))).as("the secret after a reload").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        assertOnPhoneScreen(browser, row);
        assertOnPhoneScreen(browser, By.xpath("//tbody[@id='keys:table_data']/tr[contains(., 'bold</b> deploy')]"
                + "//button[.//span[text()='Revoke']]"));
        assertThat(sidewaysOverflow(browser)).as("sideways scrolling").isZero();

        click(browser, By.xpath("//tr[contains(., 'bold</b> deploy')]//button[.//span[text()='Revoke']]"));
        waitForText(browser, By.cssSelector(".ui-confirm-dialog"), "Revoke '" + name + "'?");
        waitFor(browser, By.cssSelector(".ui-confirmdialog-yes")).click();
        waitOn(browser).until(b -> b.findElements(row).isEmpty());
        assertThat(new Api(uri).with("X-API-Key", key).get("api/scripts").status()).isEqualTo(401);
    }

    @Test
    void aTriggerUrlMadeInTheBrowserIsShownOnceStartsRunsAndStopsWhenRotatedOrRevoked() {
        String script = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("hooked-" + UUID.randomUUID().toString().substring(0, 8)),
                quote("def main(data, input):\n    return input\n")));
        Api anonymous = new Api(uri);
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml?id=" + script).toString());
        click(browser, By.id("editor:hooks"));
        assertThat(waitFor(browser, By.id("hooks:table")).getText()).contains("No trigger URLs yet");

        click(browser, By.id("create:submit"));
        waitForText(browser, By.cssSelector("#create .ui-message-error"), "A trigger URL needs a name");
        assertThat(browser.findElements(By.cssSelector("#create\\:name.ui-state-error"))).hasSize(1);
        browser.findElement(By.id("create:name")).sendKeys("<i id=\"pwned\">ci</i>");
        click(browser, By.id("create:submit"));
        String url = waitFor(browser, By.id("hookUrl")).getDomProperty("value");
        assertThat(url).startsWith(uri.resolve("hooks/sesh_").toString());
        assertThat(js(browser, "return document.activeElement.id;")).isEqualTo("hookUrl");
        assertThat(browser.findElement(By.id("example")).getText()).contains("curl -X POST '" + url + "?wait=30s'");
        assertThat(browser.findElements(By.id("pwned"))).as("the name is text").isEmpty();
        assertThat(policyViolations(browser)).as("what the Content-Security-Policy refused").isEmpty();

        Api.Answer called = anonymous.post(url + "?wait=30s", "{\"from\": \"the page\"}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        assertThat(called.json().getJsonObject("result").getString("from")).isEqualTo("the page");
        browser.navigate().refresh();
        By row = By.xpath("//tbody[@id='hooks:table_data']/tr[contains(., 'ci</i>')]");
        assertThat(waitFor(browser, row).getText()).as("last called").doesNotContain("never");
        assertThat(browser.findElements(By.id("hookUrl"))).as("the token after a reload").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(url.substring(url.lastIndexOf('_') + 1));

        click(browser, By.xpath("//tr[contains(., 'ci</i>')]//button[.//span[text()='Rotate']]"));
        waitFor(browser, By.cssSelector(".ui-confirmdialog-yes")).click();
        waitOn(browser).until(b -> !b.findElements(By.id("hookUrl")).isEmpty()
                && !url.equals(b.findElement(By.id("hookUrl")).getDomProperty("value")));
        String rotated = browser.findElement(By.id("hookUrl")).getDomProperty("value");
        assertThat(anonymous.post(url, "{}").status()).as("the old token").isEqualTo(404);
        assertThat(anonymous.post(rotated, "{}").status()).isEqualTo(202);

        click(browser, By.xpath("//tr[contains(., 'ci</i>')]//button[.//span[text()='Revoke']]"));
        waitFor(browser, By.cssSelector(".ui-confirmdialog-yes")).click();
        waitOn(browser).until(b -> b.findElements(row).isEmpty());
        assertThat(anonymous.post(rotated, "{}").status()).isEqualTo(404);
    }

    @Test
    void anAdminMakesAKeyForAViewerWhoSeesItsKeysReadOnly() {
        String viewer = account("viewer");
        String name = "for-" + viewer;
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("api-keys.xhtml").toString());
        assertThat(waitFor(browser, By.id("keys:table")).getText()).contains("Owner");

        browser.findElement(By.id("create:name")).sendKeys(name);
        browser.findElement(By.id("create:owner")).sendKeys("nobody-" + viewer);
        lifetime(browser, "ON_DATE");
        js(browser, "document.getElementById('create:date').value = '2020-01-01';");
        click(browser, By.id("create:submit"));
        waitForText(browser, By.cssSelector("#create .ui-message-error"), "must be in the future");
        assertThat(browser.findElements(By.cssSelector("#create\\:date.ui-state-error"))).hasSize(1);
        lifetime(browser, "NEVER");
        click(browser, By.id("create:submit"));
        waitForText(browser, By.cssSelector("#create .ui-message-error"),
                "There is no account 'nobody-" + viewer + "'");
        assertThat(browser.findElements(By.cssSelector("#create\\:owner.ui-state-error"))).hasSize(1);
        assertThat(admin.get("api/api-keys").body()).as("nothing made").doesNotContain(name);

        WebElement owner = browser.findElement(By.id("create:owner"));
        owner.clear();
        owner.sendKeys(viewer);
        click(browser, By.id("create:submit"));
        waitFor(browser, By.id("newKey"));
        assertThat(waitFor(browser, By.xpath("//tr[contains(., '" + name + "')]")).getText()).contains(viewer);

        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        assertThat(admin.post("api/api-keys", "{\"name\": %s, \"expiresAt\": %s, \"owner\": %s}".formatted(
                quote("expiring-" + viewer), quote(soon.toString()), quote(viewer))).status()).isEqualTo(201);
        await().until(() -> Instant.now().isAfter(soon));

        WebDriver reader = newBrowser();
        logIn(reader, uri, viewer, PASSWORD);
        reader.get(uri.resolve("api-keys.xhtml").toString());
        assertThat(waitFor(reader, By.id("readOnly")).getText()).startsWith("Read only.").contains("viewer");
        assertThat(reader.findElement(By.xpath("//tr[contains(., '" + name + "')]")).getText()).contains("never");
        assertThat(reader.findElement(By.xpath("//tr[contains(., 'expiring-" + viewer + "')]"))
                .findElements(By.cssSelector(".ses-tag-EXPIRED"))).as("marked expired").hasSize(1);
        assertThat(reader.findElement(By.id("keys:table")).getText()).doesNotContain("Owner");
        assertThat(reader.findElements(By.id("create"))).as("no form to make a key").isEmpty();
        assertThat(reader.findElements(By.xpath("//button[.//span[text()='Revoke']]"))).isEmpty();
    }

    private String account(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(name, PASSWORD, role);
        return name;
    }

    private static void lifetime(WebDriver browser, String choice) {
        js(browser, "PF('lifetime').selectValue(arguments[0]); PF('lifetime').triggerChange();", choice);
        settle(browser);
        assertThat(browser.findElements(By.id("create:date")).isEmpty()).as("the date field for " + choice)
                .isEqualTo(!choice.equals("ON_DATE"));
    }

    private static void assertOnPhoneScreen(WebDriver browser, By locator) {
        Rectangle box = box(browser, locator);
        assertThat(box.getWidth()).as("%s is drawn", locator).isPositive();
        assertThat(box.getX()).as("%s starts on screen", locator).isNotNegative();
        assertThat(box.getX() + box.getWidth()).as("%s ends on screen", locator).isLessThanOrEqualTo(PHONE);
    }
}
