package dev.scriptexecuter.it;

import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (never a
 * downloaded one), with helpers that wait for PrimeFaces' AJAX to settle.
 */
abstract class BrowserTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    private final List<WebDriver> browsers = new ArrayList<>();

    WebDriver newBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("ses.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000");
        // the console log, where Chromium reports what the Content-Security-Policy blocked
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("ses.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    /** Sizes the page as a screen of that width would (mobile: a phone, which honours the viewport meta tag). */
    static void screen(WebDriver browser, int width, int height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 800));
    }

    /** What the page's prefers-color-scheme says: "light" or "dark". */
    static void colorScheme(WebDriver browser, String scheme) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The browser's time zone, as a browser elsewhere in the world has it. */
    static void timeZone(WebDriver browser, String zone) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Where an element is on the page, in CSS pixels of the viewport. */
    static Rectangle box(WebDriver browser, By locator) {
        return browser.findElement(locator).getRect();
    }

    /** How many pixels the page is wider than its window (0: nothing to scroll sideways). */
    static long sidewaysOverflow(WebDriver browser) {
        return ((Number) js(browser, "return document.documentElement.scrollWidth"
                + " - document.documentElement.clientWidth;")).longValue();
    }

    static void logIn(WebDriver browser, URI base, String username, String password) {
        browser.get(base.resolve("login.xhtml").toString());
        browser.findElement(By.id("login:username")).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ses-who")));
    }

    /** Waits until the page's push channel is open. */
    static void awaitSocket(WebDriver browser) {
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return sesLive.opened === true;")));
    }

    static Object js(WebDriver browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** What the Content-Security-Policy refused since the last call, from the browser's console log. */
    static List<String> policyViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** Waits until PrimeFaces has no AJAX request in flight. */
    static void settle(WebDriver browser) {
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b,
                "return document.readyState === 'complete' && (!window.PrimeFaces || !PrimeFaces.ajax"
                        + " || PrimeFaces.ajax.Queue.isEmpty());")));
    }

    static WebElement waitFor(WebDriver browser, By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    static void waitForText(WebDriver browser, By locator, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /**
     * A wait for what a page shows that reads a part again when it was
     * re-rendered (by a push or an update) while it was being read.
     */
    /**
     * What the page shows, read again should a live update redraw it between finding and reading: a run's
     * page fetches its log again when its socket opens and when the run ends, and its facts when the run
     * changes, on any node.
     */
    static <T> T read(WebDriver browser, java.util.function.Function<WebDriver, T> reading) {
        return waitOn(browser).until(reading);
    }

    static WebDriverWait waitOn(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Clicks what the locator finds, finding it again when a push re-rendered
     * it between finding and clicking (the lists update live, and on the
     * server the test classes share, others' changes are pushed too).
     */
    static void click(WebDriver browser, By locator) {
        waitOn(browser).until(b -> {
            b.findElement(locator).click();
            return true;
        });
    }

    /** Opens the scripts list and filters it down to the one script with this name. */
    static void filterByName(WebDriver browser, String name) {
        // the scripts list, wherever the browser is (after a login: the overview)
        browser.get(URI.create(browser.getCurrentUrl()).resolve("/index.xhtml").toString());
        var filter = waitFor(browser, By.cssSelector("#list\\:scripts input[id$='name:filter']"));
        filter.sendKeys(name);
        waitOn(browser).until(b -> {
            var rows = b.findElements(By.cssSelector("#list\\:scripts_data > tr"));
            return rows.size() == 1 && rows.getFirst().getText().contains(name);
        });
        settle(browser);
    }

    /** Saves a PNG under target/screenshots (the README shows some of them). */
    static void screenshot(WebDriver browser, String name) {
        Path directory = Path.of(System.getProperty("ses.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's serious and critical violations on the page as it is now, one line each, named by {@code page}. */
    static List<String> scanned(WebDriver browser, String page) {
        try {
            js(browser, Files.readString(Path.of(System.getProperty("ses.axe", "target/axe-core/package/axe.min.js"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String answer = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + " axe.run(document, {resultTypes: ['violations']})"
                        + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                        + ".catch(function (e) { done(JSON.stringify([{id: 'axe failed', impact: 'critical',"
                        + " help: String(e), nodes: []}])); });");
        List<String> found = new ArrayList<>();
        for (jakarta.json.JsonValue value : jakarta.json.Json.createReader(new java.io.StringReader(answer)).readArray()) {
            jakarta.json.JsonObject violation = value.asJsonObject();
            String impact = violation.getString("impact", "");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = violation.getJsonArray("nodes").stream()
                        .map(node -> node.asJsonObject().getJsonArray("target").toString()).limit(5).toList();
                found.add(page + ": " + violation.getString("id") + " (" + impact + ") " + violation.getString("help")
                        + " " + targets);
            }
        }
        return found;
    }
}
