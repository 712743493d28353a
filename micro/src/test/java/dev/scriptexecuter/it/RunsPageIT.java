package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run list and a run's page for operators, in headless Chromium: rows that open their run, filters kept in
 * the page's address, Stop and Re-run in a row, Re-run and the previous and next run on a run's page, and none
 * of those actions for a viewer.
 */
@ExtendWith(SharedServer.class)
class RunsPageIT extends BrowserTest {

    private static final String QUICK = "def main(data):\n    print('done')\n";

    private URI uri;
    private Api api;

    @BeforeEach
    void setUp() {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
    }

    @Test
    void aClickAnywhereInARowOpensItsRunWhoseFirstCellHoldsTheLink() {
        String script = script("row", QUICK);
        String run = finishedRun(script);
        WebDriver browser = admin();
        browser.get(uri.resolve("runs.xhtml?script=" + script).toString());
        By link = By.cssSelector("a.ses-row-link[href*='" + run + "']");
        assertThat(waitFor(browser, link).getAttribute("href")).contains("run.xhtml?id=" + run);

        click(browser, By.xpath("//tr[.//a[contains(@href, '" + run + "')]]/td[.//text()[contains(., 'FORCED')]]"));

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("run.xhtml?id=" + run));
        waitFor(browser, By.id("run:state"));
    }

    @Test
    void theScriptFilterAndTheSearchNarrowTheListAndAReloadKeepsThem() {
        String needle = "needle-" + UUID.randomUUID().toString().substring(0, 8);
        String failing = script("failing", "def main(data):\n    raise ValueError(" + quote(needle) + ")\n");
        String failed = finishedRun(failing);
        String quietName = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        String quiet = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(quietName), quote(QUICK)));
        String quietRun = finishedRun(quiet);
        WebDriver browser = admin();
        browser.get(uri.resolve("runs.xhtml").toString());
        settle(browser);

        // the filter looks scripts up by a part of their name, as many as there are
        waitFor(browser, By.id("filters:script_input")).sendKeys(quietName.substring(0, 12));
        By item = By.cssSelector("#filters\\:script_panel li[data-item-label='" + quietName + "']");
        // the panel slides open: a click before it has is caught by the panel itself
        new WebDriverWait(browser, WAIT).ignoring(ElementClickInterceptedException.class).until(b -> {
            b.findElement(item).click();
            return true;
        });
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("script=" + quiet));
        settle(browser);
        assertThat(rows(browser)).as("the quiet script's run only").isEqualTo(1);
        waitFor(browser, By.cssSelector("a.ses-row-link[href*='" + quietRun + "']"));

        browser.get(uri.resolve("runs.xhtml").toString());
        waitFor(browser, By.id("filters:text")).sendKeys(needle, Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("q=" + needle));
        settle(browser);
        assertThat(rows(browser)).as("the run whose error holds the text").isEqualTo(1);
        waitFor(browser, By.cssSelector("a.ses-row-link[href*='" + failed + "']"));

        browser.navigate().refresh();
        settle(browser);
        assertThat(rows(browser)).as("after a reload").isEqualTo(1);
        waitFor(browser, By.cssSelector("a.ses-row-link[href*='" + failed + "']"));
        assertThat(browser.findElement(By.id("filters:text")).getAttribute("value")).isEqualTo(needle);

        screen(browser, 414, 900);
        browser.navigate().refresh();
        waitFor(browser, By.cssSelector("a.ses-row-link[href*='" + failed + "']"));
        screenshot(browser, "runs-search-414");
        screen(browser, 1400, 900);

        browser.get(uri.resolve("runs.xhtml?script=" + quiet + "&q=" + needle).toString());
        waitForText(browser, By.id("runs:table"), "No runs match these filters.");
        screenshot(browser, "runs-filters");
        assertThat(browser.findElement(By.id("filters:script_input")).getDomProperty("value")).isEqualTo(quietName);
    }

    @Test
    void stopInARowStopsARunningRunThatShowsHowLongItRuns() {
        String script = script("sleeper", Api.SLEEPER);
        String run = api.run(script, true);
        api.awaitSleeping(run, Duration.ofMinutes(1));
        WebDriver browser = admin();
        browser.get(uri.resolve("runs.xhtml?script=" + script).toString());
        By row = By.xpath("//tr[.//a[contains(@href, '" + run + "')]]");
        waitOn(browser).until(b -> b.findElement(row).findElement(By.cssSelector(".ses-elapsed")).getText()
                .startsWith("running for "));
        assertThat(browser.findElements(By.xpath("//tr[.//a[contains(@href, '" + run + "')]]//button[.//span[text()='Re-run']]")))
                .as("no Re-run for a run not finished").isEmpty();

        click(browser, By.xpath("//tr[.//a[contains(@href, '" + run + "')]]//button[.//span[text()='Stop']]"));

        assertThat(api.awaitFinished(run, Duration.ofMinutes(1)).getString("outcome")).isEqualTo("STOPPED");
        waitOn(browser).until(b -> b.findElement(row).getText().contains("STOPPED"));
    }

    @Test
    void reRunStartsTheScriptAgainFromTheListAndFromARunsPage() {
        String script = script("again", QUICK);
        String first = finishedRun(script);
        WebDriver browser = admin();
        browser.get(uri.resolve("runs.xhtml?script=" + script).toString());

        click(browser, By.xpath("//tr[.//a[contains(@href, '" + first + "')]]//button[.//span[text()='Re-run']]"));

        await().atMost(Duration.ofMinutes(1)).until(() -> api.runsOf(script).size() == 2);
        String second = api.runsOf(script).getFirst().getString("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(api.runsOf(script).getFirst().getString("trigger")).isEqualTo("FORCED");
        api.awaitFinished(second, Duration.ofMinutes(1));

        browser.get(uri.resolve("run.xhtml?id=" + first).toString());
        click(browser, By.id("run:rerun"));

        new WebDriverWait(browser, WAIT).until(b -> b.getCurrentUrl().contains("run.xhtml?id=")
                && !b.getCurrentUrl().contains(first));
        assertThat(api.runsOf(script)).hasSize(3);
        assertThat(browser.getCurrentUrl()).contains(api.runsOf(script).getFirst().getString("id"));
    }

    @Test
    void previousAndNextStepBetweenTheRunsOfOneScript() {
        String script = script("steps", QUICK);
        String older = finishedRun(script);
        String newer = finishedRun(script);
        finishedRun(script("other", QUICK)); // another script's run in between: not a neighbour
        WebDriver browser = admin();
        browser.get(uri.resolve("run.xhtml?id=" + older).toString());
        waitFor(browser, By.id("run:allRuns"));
        assertThat(browser.findElements(By.id("run:previous"))).as("the script's first run").isEmpty();

        click(browser, By.id("run:next"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("id=" + newer));
        waitFor(browser, By.id("run:allRuns"));
        assertThat(browser.findElements(By.id("run:next"))).as("the script's latest run").isEmpty();

        click(browser, By.id("run:previous"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("id=" + older));
    }

    @Test
    void aViewerSeesNeitherStopNorReRun() {
        String sleeper = script("watched", Api.SLEEPER);
        String running = api.run(sleeper, true);
        String seen = script("seen", QUICK);
        String finished = finishedRun(seen);
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(viewer, "viewer-password", "viewer");
        WebDriver browser = newBrowser();
        logIn(browser, uri, viewer, "viewer-password");
        try {
            api.awaitSleeping(running, Duration.ofMinutes(1));
            for (String[] scriptAndRun : new String[][] {{sleeper, running}, {seen, finished}}) {
                String run = scriptAndRun[1];
                browser.get(uri.resolve("runs.xhtml?script=" + scriptAndRun[0]).toString());
                waitFor(browser, By.cssSelector("a.ses-row-link[href*='" + run + "']"));
                assertThat(browser.findElements(By.xpath("//tr[.//a[contains(@href, '" + run + "')]]//button")))
                        .as("buttons in the row of %s", run).isEmpty();
                browser.get(uri.resolve("run.xhtml?id=" + run).toString());
                waitFor(browser, By.id("run:allRuns"));
                assertThat(browser.findElements(By.id("run:stop"))).isEmpty();
                assertThat(browser.findElements(By.id("run:rerun"))).isEmpty();
            }
            browser.get(uri.resolve("index.xhtml").toString());
            waitFor(browser, By.id("list:scripts"));
            assertThat(browser.findElements(By.id("run-help"))).as("no help for buttons a viewer lacks").isEmpty();
        } finally {
            api.post("api/runs/" + running + "/stop", "");
        }
    }

    @Test
    void theScriptsListSaysWhatRunAndForceRunDo() {
        script("explained", QUICK); // a row with the buttons, on a server that may have no script yet
        WebDriver browser = admin();
        browser.get(uri.resolve("index.xhtml").toString());
        assertThat(waitFor(browser, By.id("run-help")).getText()).contains("trigger(data)").contains("SKIPPED")
                .contains("Force run");
        assertThat(browser.findElement(By.xpath("//button[.//span[text()='Force run']]")).getAttribute("title"))
                .contains("without asking the trigger");
    }

    private WebDriver admin() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        return browser;
    }

    private String script(String kind, String code) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote(kind + "-" + UUID.randomUUID().toString().substring(0, 8)), quote(code)));
    }

    private String finishedRun(String script) {
        String run = api.run(script, true);
        api.awaitFinished(run, Duration.ofMinutes(1));
        return run;
    }

    private static int rows(WebDriver browser) {
        return browser.findElements(By.cssSelector("#runs\\:table_data > tr a.ses-row-link")).size();
    }
}
