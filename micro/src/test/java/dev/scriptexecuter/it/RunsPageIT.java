package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void aChainedRunLinksTheRunThatStartedItAndTheScriptPageShowsTheChain() {
        String first = script("upstream", "def main(data):\n    return {'rows': 3}\n");
        String next = script("downstream", "def main(data, input):\n    print('got', input['rows'])\n");
        assertThat(api.put("api/scripts/" + first + "/chain", "{\"steps\": [{\"script\": %s}]}".formatted(quote(next)))
                .status()).isEqualTo(200);
        String started = finishedRun(first);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> api.runsOf(next).stream()
                .anyMatch(run -> "FINISHED".equals(run.getString("status"))));
        String chained = api.runsOf(next).getFirst().getString("id");
        String upstreamName = api.get("api/scripts/" + first).json().getString("name");
        String downstreamName = api.get("api/scripts/" + next).json().getString("name");
        WebDriver browser = admin();

        browser.get(uri.resolve("run.xhtml?id=" + started).toString());
        // the page may redraw itself as it settles (a live update): read it again until it says so
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(b -> b.findElement(By.cssSelector("#startedRuns a")).getText().contains(downstreamName)
                        && b.findElement(By.id("startedRuns")).getText().contains("SUCCEEDED"));
        click(browser, By.cssSelector("#startedRuns a"));
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("id=" + chained));
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(b -> {
                    WebElement by = b.findElement(By.id("run:startedBy"));
                    return by.getText().contains(upstreamName) && by.getAttribute("href").contains("id=" + started);
                });

        browser.get(uri.resolve("script.xhtml?id=" + first).toString());
        textUntil(browser, By.id("chainSteps"), "When a run succeeds", downstreamName);
        browser.get(uri.resolve("script.xhtml?id=" + next).toString());
        textUntil(browser, By.id("chainStartedBy"), upstreamName, "after a success");
        textUntil(browser, By.id("editor:noChain"), "starts no other");
    }

    /** Waits until what the locator finds holds every text, finding it again should a push redraw it. */
    private static void textUntil(WebDriver browser, By locator, String... texts) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(b -> {
                    String text = b.findElement(locator).getText();
                    return java.util.Arrays.stream(texts).allMatch(text::contains);
                });
    }

    @Test
    void theScriptsListShowsTagsAndFiltersByOne() {
        String tag = "list-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            names.add("tagged-" + i + "-" + tag);
            api.createScript("{\"name\": %s, \"mainCode\": %s, \"tags\": [%s, \"shared-tag\"]}".formatted(
                    quote(names.getLast()), quote(QUICK), quote(tag)));
        }
        WebDriver browser = admin();
        browser.get(uri.resolve("index.xhtml").toString());
        waitFor(browser, By.cssSelector("#list\\:scripts input[id$='tags:filter']")).sendKeys(tag);
        // the two rows, each with both tags as labels (read again should a push redraw the list meanwhile)
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> b.findElements(By.cssSelector("#list\\:scripts_data > tr")).size() == 2
                        && b.findElements(By.cssSelector("#list\\:scripts_data .ses-label")).stream()
                        .map(WebElement::getText).toList().equals(List.of(tag, "shared-tag", tag, "shared-tag")));
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

    @Test
    void theLiveLogPausesFollowsTheEndAndDownloadsWhole() {
        String script = script("ticker", """
                import time
                def main(data):
                    for i in range(200):
                        print('warm-up', i)
                    for i in range(400):
                        print('tick', i)
                        time.sleep(0.2)
                """);
        String run = api.run(script, true);
        try {
            WebDriver browser = admin();
            browser.get(uri.resolve("run.xhtml?id=" + run).toString());
            awaitSocket(browser);
            waitOn(browser).until(b -> lines(b) > 205);
            // following: each new line brings the log's end into view
            waitOn(browser).until(b -> lines(b) > 210 && atEnd(b));
            assertThat(browser.findElement(By.id("logFollow")).isSelected()).isTrue();

            // scrolling up leaves the end, and the log no longer jumps there
            js(browser, "document.getElementById('log').scrollTop = 0;");
            waitOn(browser).until(b -> !b.findElement(By.id("logFollow")).isSelected());
            int before = lines(browser);
            waitOn(browser).until(b -> lines(b) > before + 3);
            assertThat(js(browser, "return document.getElementById('log').scrollTop;")).isEqualTo(0L);

            // paused: the page stands still and counts what arrives; Resume shows it, in order
            click(browser, By.id("logPause"));
            assertThat(browser.findElement(By.id("logPause")).getAttribute("aria-pressed")).isEqualTo("true");
            int paused = lines(browser);
            waitOn(browser).until(b -> b.findElement(By.id("logPause")).getText().matches("Resume \\(([3-9]|\\d\\d+) new lines\\)"));
            assertThat(lines(browser)).as("no line added while paused").isEqualTo(paused);
            click(browser, By.id("logPause"));
            assertThat(browser.findElement(By.id("logPause")).getText()).isEqualTo("Pause");
            assertThat(lines(browser)).isGreaterThan(paused + 2);
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) js(browser,
                    "return Array.from(document.querySelectorAll('#log .line'), l => l.textContent);");
            for (int i = 0; i < shown.size(); i++) {
                // each line as "<time> <text>"
                assertThat(shown.get(i)).endsWith(i < 200 ? " warm-up " + i : " tick " + (i - 200));
            }

            // the whole log as a file, as the link gets it (with the page's session)
            String link = browser.findElement(By.id("downloadLog")).getAttribute("href");
            @SuppressWarnings("unchecked")
            Map<String, Object> file = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status,
                        type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'),
                        cache: r.headers.get('Cache-Control'), text: t})));
                    """, link);
            assertThat(file.get("status")).isEqualTo(200L);
            assertThat((String) file.get("type")).startsWith("text/plain");
            assertThat((String) file.get("disposition")).startsWith("attachment; filename=\"ticker-")
                    .endsWith("-" + run.substring(0, 8) + ".log\"");
            assertThat((String) file.get("cache")).contains("no-store");
            List<String> downloaded = ((String) file.get("text")).lines().toList();
            assertThat(downloaded.size()).isGreaterThanOrEqualTo(shown.size());
            assertThat(downloaded.subList(0, shown.size())).isEqualTo(shown);

            Object missing = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));",
                    link.replace(run, "no-such-run"));
            assertThat(missing).isEqualTo(404L);
        } finally {
            api.post("api/runs/" + run + "/stop", "");
        }
    }

    @Test
    void theLogSearchFindsALineARunWroteAndOpensItsRunAtThatLine() {
        String needle = "Haystack-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder code = new StringBuilder("def main(data):\n    for i in range(120):\n        print('line', i)\n");
        code.append("    print('<b>found</b> the ").append(needle).append(" here')\n");
        String script = script("hay", code.toString());
        String run = finishedRun(script);
        finishedRun(script("straw", QUICK));
        WebDriver browser = admin();
        browser.get(uri.resolve("logs.xhtml").toString());

        waitFor(browser, By.id("search:text")).sendKeys(needle.toLowerCase(), Keys.ENTER);

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("q=" + needle.toLowerCase()));
        waitForText(browser, By.id("summary"), "1 run whose log holds");
        List<WebElement> matches = browser.findElements(By.cssSelector(".ses-log-match"));
        assertThat(matches).hasSize(1);
        assertThat(matches.getFirst().getText()).contains("SUCCEEDED").contains("1 matching line");
        assertThat(browser.findElement(By.cssSelector(".ses-log-match mark")).getText())
                .as("the text as the run wrote it, marked").isEqualTo(needle);
        assertThat(browser.findElement(By.cssSelector(".ses-log-line-text")).getText())
                .as("what the run printed, as text").endsWith("<b>found</b> the " + needle + " here");
        assertThat(browser.findElements(By.cssSelector(".ses-log-line-text b"))).isEmpty();
        assertThat(browser.getCurrentUrl()).as("the browser's zone goes with the search").contains("zone=");

        click(browser, By.cssSelector(".ses-log-line-link"));

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("run.xhtml?id=" + run + "#L121"));
        // the page reloads its log once its push channel is open: the line is found again after that
        waitOn(browser).until(b -> b.findElement(By.id("L121")).getText().endsWith("<b>found</b> the " + needle + " here"));
        waitOn(browser).until(b -> b.findElement(By.id("L121")).getAttribute("class").contains("ses-line-linked"));
        waitOn(browser).until(b -> Boolean.TRUE.equals(js(b, """
                const line = document.getElementById('L121').getBoundingClientRect();
                const log = document.getElementById('log').getBoundingClientRect();
                return line.top >= log.top && line.bottom <= log.bottom;""")));

        // nothing found, and a filter that leaves the run out
        browser.get(uri.resolve("logs.xhtml?q=" + needle + "&outcome=FAILED").toString());
        waitForText(browser, By.id("summary"), "No run's log holds");
    }

    private static int lines(WebDriver browser) {
        return ((Number) js(browser, "return document.querySelectorAll('#log .line').length;")).intValue();
    }

    private static boolean atEnd(WebDriver browser) {
        return Boolean.TRUE.equals(js(browser,
                "const l = document.getElementById('log'); return l.scrollTop + l.clientHeight >= l.scrollHeight - 4;"));
    }

    @Test
    void pauseForAWhileFromTheScriptsListShowsUntilWhenAndResumesWithOneClick() {
        String name = "nap-" + UUID.randomUUID().toString().substring(0, 8);
        String script = api.createScript(("{\"name\": %s, \"mainCode\": %s,"
                + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1h\"}}").formatted(quote(name), quote(QUICK)));
        WebDriver browser = admin();
        browser.get(uri.resolve("index.xhtml").toString());
        filterByName(browser, name);

        click(browser, By.cssSelector("#list\\:scripts_data > tr .ui-splitbutton-menubutton"));
        // the menu slides open: a click before it has settled is refused
        new WebDriverWait(browser, WAIT).ignoring(ElementNotInteractableException.class)
                .ignoring(ElementClickInterceptedException.class).until(b -> {
                    b.findElement(By.xpath("//div[contains(@class, 'ui-splitbuttonmenu')]"
                            + "//a[.//span[text()='Pause for 4 hours']]")).click();
                    return true;
                });

        waitOn(browser).until(b -> b.findElement(By.cssSelector("#list\\:scripts_data > tr")).getText()
                .contains("paused"));
        Instant until = Instant.parse(api.get("api/scripts/" + script).json().getString("pausedUntil"));
        assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofMinutes(235), Duration.ofMinutes(241));
        assertThat(waitFor(browser, By.cssSelector("#list\\:scripts_data > tr .ses-paused-until")).getText())
                .startsWith("until ");

        click(browser, By.xpath("//tr[.//text()[contains(., '" + name + "')]]//button[.//span[text()='Resume']]"));

        await().atMost(WAIT).until(() -> api.get("api/scripts/" + script).json().getBoolean("active"));
        assertThat(api.get("api/scripts/" + script).json().isNull("pausedUntil")).isTrue();
    }

    @Test
    void aScriptsRunsPageDrawsHowItHasBeenDoing() {
        String script = script("trend", "def main(data):\n    if data.get('fail'):\n        raise ValueError('no')\n"
                + "    data['fail'] = data.get('n', 0) == 2\n    data['n'] = data.get('n', 0) + 1\n");
        for (int i = 0; i < 4; i++) {
            finishedRun(script);
        }
        // runs 1-3 succeed (the third sets "fail"), the fourth fails
        WebDriver browser = admin();
        browser.get(uri.resolve("runs.xhtml?script=" + script).toString());

        waitFor(browser, By.id("trend"));
        @SuppressWarnings("unchecked")
        List<String> outcomes = (List<String>) js(browser, "return PF('durationChart').chart.data.datasets[0].outcomes;");
        assertThat(outcomes).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED");
        @SuppressWarnings("unchecked")
        List<Object> durations = (List<Object>) js(browser, "return PF('durationChart').chart.data.datasets[0].data;");
        assertThat(durations).hasSize(4).allSatisfy(d -> assertThat(((Number) d).doubleValue()).isPositive());
        @SuppressWarnings("unchecked")
        List<Object> cpu = (List<Object>) js(browser, "return PF('resourceChart').chart.data.datasets[0].data;");
        assertThat(cpu).as("CPU seconds of every run").hasSize(4).doesNotContainNull();
        @SuppressWarnings("unchecked")
        List<Object> memory = (List<Object>) js(browser, "return PF('resourceChart').chart.data.datasets[1].data;");
        assertThat(memory).allSatisfy(m -> assertThat(((Number) m).doubleValue()).as("MiB").isGreaterThan(1));
        assertThat(browser.findElement(By.id("successRate")).getText()).isEqualTo("75 %");
        assertThat(browser.findElement(By.id("p50")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#strip .ses-strip-cell"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#strip .ses-strip-cell")).getLast().getAttribute("href"))
                .contains("run.xhtml?id=" + api.runsOf(script).getFirst().getString("id"));
        screenshot(browser, "script-trend");

        // the download link gives these runs (the page's filter: this script) as CSV, newest first
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(t => done({status: r.status,
                    type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'), text: t})));
                """, browser.findElement(By.id("exportCsv")).getAttribute("href"));
        assertThat(file.get("status")).isEqualTo(200L);
        assertThat((String) file.get("type")).startsWith("text/csv");
        assertThat((String) file.get("disposition")).matches("attachment; filename=\"runs-\\d{8}-\\d{6}\\.csv\"");
        List<String> lines = ((String) file.get("text")).lines().toList();
        assertThat(lines.getFirst()).startsWith("id,script_id,script_name,");
        assertThat(lines.subList(1, lines.size())).as("the script's four runs, newest first")
                .extracting(line -> line.split(",")[5]).containsExactly("FAILED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
    }

    @Test
    void aRunsPageShowsWhatItWasGivenAndWhatMainReturned() {
        String script = script("given", "def main(data, input):\n    return ['<b>' + input['who'] + '</b>', 2]\n");
        String run = api.post("api/scripts/" + script + "/runs?wait=30s", "{\"input\": {\"who\": \"<i>Ada</i>\"}}")
                .json().getString("id");
        WebDriver browser = admin();
        browser.get(uri.resolve("run.xhtml?id=" + run).toString());
        waitFor(browser, By.id("input"));
        String input = read(browser, b -> b.findElement(By.id("input")).getText());
        String result = read(browser, b -> b.findElement(By.id("result")).getText());
        assertThat(input).isEqualTo("{\n    \"who\": \"<i>Ada</i>\"\n}");
        assertThat(result).as("as text, not markup").isEqualTo("[\n    \"<b><i>Ada</i></b>\",\n    2\n]");
        assertThat(browser.findElements(By.cssSelector("#result b, #input i"))).isEmpty();
    }

    @Test
    void theFormMadeFromTheInputSchemaShowsARefusalAtItsFieldAndGivesTheRunItsValues() {
        String script = api.createScript("{\"name\": %s, \"mainCode\": %s, \"inputSchema\": %s}".formatted(
                quote("form-" + UUID.randomUUID().toString().substring(0, 8)),
                quote("def main(data, input):\n    return input\n"), """
                {"properties": {
                   "table": {"type": "string", "title": "Table", "enum": ["orders", "customers"]},
                   "limit": {"type": "integer", "minimum": 1, "default": 100, "description": "rows at most"},
                   "note":  {"type": "string"},
                   "dry":   {"type": "boolean"}},
                 "required": ["table", "note"]}"""));
        WebDriver browser = admin();
        browser.get(uri.resolve("script.xhtml?id=" + script).toString());
        waitFor(browser, By.id("editor:runWithInput")).click();
        WebElement limit = waitFor(browser, By.cssSelector("[data-field='limit']"));
        assertThat(limit.getAttribute("value")).as("the default, filled in").isEqualTo("100");
        assertThat(browser.findElement(By.id("runInput:runInputDialog")).getText()).contains("Table *")
                .contains("rows at most");

        // the required note left empty: refused, said at its field, no run
        browser.findElement(By.id("runInput:startRun")).click();
        assertThat(waitFor(browser, By.cssSelector("[data-error-of='note']")).getText()).isEqualTo("'note' is required.");
        assertThat(browser.findElement(By.cssSelector("[data-field='note']")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(api.runsOf(script)).isEmpty();

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-field='table']")))
                .selectByVisibleText("customers");
        WebElement limitAgain = browser.findElement(By.cssSelector("[data-field='limit']"));
        limitAgain.clear();
        limitAgain.sendKeys("7");
        browser.findElement(By.cssSelector("[data-field='note']")).sendKeys("from the form");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("[data-field='dry']")))
                .selectByVisibleText("true");
        browser.findElement(By.id("runInput:startRun")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("run.xhtml?id="));
        String run = api.runsOf(script).getFirst().getString("id");
        api.awaitFinished(run, Duration.ofMinutes(1));
        assertThat(api.get("api/runs/" + run).json().getJsonObject("result")).as("main got the form's values")
                .isEqualTo(jakarta.json.Json.createObjectBuilder().add("table", "customers").add("limit", 7)
                        .add("note", "from the form").add("dry", true).build());
        assertThat(browser.getCurrentUrl()).contains("id=" + run);
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
