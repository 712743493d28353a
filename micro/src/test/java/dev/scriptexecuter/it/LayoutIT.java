package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's frame in headless Chromium: pages that fit a desktop and a phone (names and actions on
 * screen, nothing to scroll sideways, measured from the elements' boxes), the menu that folds away on a phone,
 * the dark theme and its switch, the skip link, and times in the browser's own time zone.
 */
@ExtendWith(SharedServer.class)
class LayoutIT extends BrowserTest {

    private static final int[] WIDTHS = {1400, 414};

    private URI uri;
    private Api api;
    private String name;
    private String script;
    private String run;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
        name = "layout-" + UUID.randomUUID().toString().substring(0, 8);
        script = api.createScript(("{\"name\": %s, \"description\": %s, \"mainCode\": %s,"
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1h\"}}").formatted(quote(name),
                quote("a description long enough to need more than one line on a phone's narrow screen"),
                quote("def main(data):\n    print('hello')\n")));
        run = api.run(script, true);
        api.awaitFinished(run, Duration.ofMinutes(1));
    }

    @Test
    void theScriptsListShowsNamesAndActionsOnADesktopAndAPhone() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        for (int width : WIDTHS) {
            screen(browser, width, 900);
            browser.get(uri.resolve("index.xhtml").toString());
            filterByName(browser, name);
            By row = By.xpath("//tr[.//a[text()='" + name + "']]");
            assertOnScreen(browser, width, By.xpath("//a[text()='" + name + "']"));
            for (String action : List.of("Run", "Force run", "Pause", "Delete")) {
                assertOnScreen(browser, width, By.xpath("//tr[.//a[text()='" + name + "']]//button[.//span[text()='"
                        + action + "']]"));
            }
            assertThat(browser.findElement(row).getText()).contains("SUCCEEDED");
            assertThat(sidewaysOverflow(browser)).as("sideways scrolling at %d px", width).isZero();
            screenshot(browser, "scripts-list-" + width);
        }
    }

    @Test
    void runsARunAndTheEditorFitADesktopAndAPhone() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        for (int width : WIDTHS) {
            screen(browser, width, 900);
            browser.get(uri.resolve("runs.xhtml").toString());
            settle(browser);
            By scriptLink = By.xpath("//tbody//a[text()='" + name + "']");
            waitFor(browser, scriptLink);
            assertOnScreen(browser, width, scriptLink);
            assertOnScreen(browser, width, By.xpath("//tr[.//a[text()='" + name + "']]//span[text()='SUCCEEDED']"));
            assertThat(sidewaysOverflow(browser)).as("runs: sideways scrolling at %d px", width).isZero();

            openRun(browser);
            waitFor(browser, By.cssSelector("#log .line"));
            assertOnScreen(browser, width, By.cssSelector("h1 a"));
            assertOnScreen(browser, width, By.id("run:state"));
            assertOnScreen(browser, width, By.id("log"));
            assertThat(sidewaysOverflow(browser)).as("a run: sideways scrolling at %d px", width).isZero();
            screenshot(browser, "run-" + width);

            browser.get(uri.resolve("script.xhtml?id=" + script).toString());
            waitFor(browser, By.id("editor:name"));
            settle(browser);
            for (String id : List.of("editor:name", "editor:save", "editor:history")) {
                assertOnScreen(browser, width, By.id(id));
            }
            assertThat(sidewaysOverflow(browser)).as("the editor: sideways scrolling at %d px", width).isZero();
            screenshot(browser, "script-editor-" + width);
        }
    }

    @Test
    void onAPhoneTheMenuFoldsAwayAndOpensWithItsButton() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        screen(browser, 414, 900);
        browser.get(uri.resolve("index.xhtml").toString());
        WebElement menu = browser.findElement(By.id("ses-menu"));
        WebElement toggle = waitFor(browser, By.id("ses-menu-toggle"));
        assertThat(menu.isDisplayed()).as("folded away").isFalse();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        toggle.click();
        assertThat(menu.isDisplayed()).as("opened").isTrue();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertOnScreen(browser, 414, By.xpath("//nav//a[text()='Runs']"));
        screenshot(browser, "menu-phone");
        browser.findElement(By.xpath("//nav//a[text()='Runs']")).click();
        waitFor(browser, By.id("runs:table"));

        screen(browser, 1400, 900);
        browser.get(uri.resolve("index.xhtml").toString());
        assertThat(browser.findElement(By.id("ses-menu")).isDisplayed()).as("always there on a desktop").isTrue();
        assertThat(browser.findElement(By.id("ses-menu-toggle")).isDisplayed()).isFalse();
    }

    @Test
    void theDarkThemeFollowsTheSystemAndTheSwitchWhichIsRemembered() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("index.xhtml").toString());
        assertThat(backgroundLightness(browser)).as("light by default").isGreaterThan(0.8);

        colorScheme(browser, "dark");
        browser.get(uri.resolve("index.xhtml").toString());
        assertThat(backgroundLightness(browser)).as("a system that prefers dark").isLessThan(0.2);
        assertThat(browser.findElement(By.id("ses-theme")).getAttribute("aria-pressed")).isEqualTo("true");
        screenshot(browser, "scripts-list-dark");

        colorScheme(browser, "light");
        browser.get(uri.resolve("index.xhtml").toString());
        waitFor(browser, By.id("ses-theme")).click();
        assertThat(backgroundLightness(browser)).as("switched to dark").isLessThan(0.2);
        browser.get(uri.resolve("runs.xhtml").toString());
        assertThat(backgroundLightness(browser)).as("the choice is kept on the next page").isLessThan(0.2);
        browser.findElement(By.id("ses-theme")).click();
        assertThat(backgroundLightness(browser)).as("and switched back").isGreaterThan(0.8);
    }

    @Test
    void theSkipLinkIsTheFirstStopAndLeadsToTheContent() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("index.xhtml").toString());
        waitFor(browser, By.id("list:scripts"));
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement first = browser.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to content");
        assertThat(first.isDisplayed()).as("shown once it has the focus").isTrue();
        first.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("content");
    }

    @Test
    void timesAreShownInTheBrowsersTimeZoneWithTheUtcInstantOnHover() {
        WebDriver browser = newBrowser();
        timeZone(browser, "America/New_York");
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        openRun(browser);
        // read the element afresh each time: the live page may draw its facts again
        By started = By.xpath("//dt[text()='Started']/following-sibling::dd[1]/time");
        Instant instant = Instant.parse(waitFor(browser, started).getAttribute("datetime"));
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("America/New_York"))
                .format(instant);
        String utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneId.of("UTC"))
                .format(instant);
        String shown = waitOn(browser).until(b -> {
            String text = b.findElement(started).getText();
            return text.startsWith(local) ? text : null;
        });
        // then how long ago: "now" for a run that ended seconds ago, "2 minutes ago" later
        assertThat(shown).matches(Pattern.quote(local) + " E[SD]T\\s+(now|.+ ago)");
        assertThat(browser.findElement(started).getAttribute("title")).isEqualTo(utc);
    }

    /**
     * Opens the run's page and waits until it has caught up with what its socket missed while connecting: that
     * re-renders the run's facts, and an element read before would be gone.
     */
    private void openRun(WebDriver browser) {
        browser.get(uri.resolve("run.xhtml?id=" + run).toString());
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return sesLive.synced === true;")));
        settle(browser);
    }

    /** The element is shown, has a size, and lies within the window's width (no sideways scrolling to reach it). */
    private static void assertOnScreen(WebDriver browser, int width, By locator) {
        WebElement element = waitFor(browser, locator);
        js(browser, "arguments[0].scrollIntoView({block: 'center'});", element);
        Rectangle box = element.getRect();
        assertThat(box.getWidth()).as("%s is %d px wide at %d px", locator, box.getWidth(), width).isPositive();
        assertThat(box.getX()).as("%s starts within the window at %d px", locator, width).isNotNegative();
        assertThat(box.getX() + box.getWidth()).as("%s ends within the window at %d px", locator, width)
                .isLessThanOrEqualTo(width);
    }

    /** The page background's lightness, 0 (black) to 1 (white). */
    private static double backgroundLightness(WebDriver browser) {
        return ((Number) js(browser, "var c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g);"
                + " return (Math.max(c[0], c[1], c[2]) + Math.min(c[0], c[1], c[2])) / 510;")).doubleValue();
    }
}
