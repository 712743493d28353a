package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import dev.scriptexecuter.execution.control.RunProcesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The dashboard in headless Chromium against the real Micro WAR. */
@ExtendWith(SharedServer.class)
class BrowserIT extends BrowserTest {

    private URI uri;
    private Api api;

    @BeforeEach
    void setUp() throws Exception {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
    }

    @Test
    void aScriptIsWrittenInMonacoWithItsSyntaxErrorMarkedThenSaved() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml").toString());
        String name = "edited-" + UUID.randomUUID().toString().substring(0, 8);
        waitFor(browser, By.id("editor:name")).sendKeys(name);
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", "def main(data):\n    print('hello'\n");
        browser.findElement(By.id("editor:save")).click();
        settle(browser);
        new WebDriverWait(browser, WAIT).until(b -> ((Number) js(b,
                "return monaco.editor.getModelMarkers({owner: 'ses'}).length;")).intValue() > 0);
        String marker = (String) js(browser, "var m = monaco.editor.getModelMarkers({owner: 'ses'})[0];"
                + " return m.startLineNumber + ': ' + m.message;");
        assertThat(marker).startsWith("2: The main code has a syntax error at line 2");
        assertThat(api.get("api/scripts?limit=500").body()).doesNotContain(name);

        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", "def main(data):\n    print('hello')\n");
        js(browser, "PF('runModeMenu').selectValue('warm');");
        browser.findElement(By.id("editor:save")).click();
        settle(browser);
        waitForText(browser, By.id("editor:messages"), "Saved '" + name + "'.");
        assertThat(((Number) js(browser, "return monaco.editor.getModelMarkers({owner: 'ses'}).length;")).intValue())
                .isZero();
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("named at once, not 'New script'").isEqualTo(name);
        assertThat(browser.findElement(By.id("editor:history")).getText()).as("and its links are there")
                .startsWith("History (version");
        assertThat(js(browser, "return PF('mainEditor').getMonaco().getModel().getLanguageId();")).isEqualTo("python");
        screenshot(browser, "script-editor");
        assertThat(api.get("api/scripts?limit=500").body()).contains(name).contains("print('hello')");
        String saved = api.get("api/scripts?limit=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow()
                .getString("id");
        assertThat(api.get("api/scripts/" + saved).json().getJsonObject("policy").getString("runMode"))
                .as("the process mode chosen on the page").isEqualTo("warm");
        browser.get(uri.resolve("script.xhtml?id=" + saved).toString());
        waitForText(browser, By.id("editor:runMode_label"), "forked by a warm worker");
    }

    /** What the Scripts page's old upload form did, on the script page: a file goes into its editor, then Save. */
    @Test
    void aNewScriptsCodeIsOpenedFromAFileThenSaved() throws Exception {
        String name = "opened_" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = Files.createTempDirectory("ses-open-");
        Path mainPy = Files.writeString(folder.resolve(name + ".py"), "def main(data):\n    print('from a file')\n");
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml").toString());
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        WebElement input = browser.findElement(By.cssSelector(".ses-open-file-input[data-editor='mainEditor']"));
        int limit = Integer.parseInt(input.getDomAttribute("data-max-bytes"));
        Path tooBig = Files.writeString(folder.resolve("huge.py"), "#".repeat(limit) + "\n");

        input.sendKeys(tooBig.toString());
        WebElement status = browser.findElement(By.cssSelector("#editor\\:code .ses-open-file-status"));
        new WebDriverWait(browser, WAIT).until(b -> status.getText().contains("Nothing was opened"));
        assertThat(status.getText()).contains("huge.py is " + (limit + 1) + " bytes").contains("ses.script.max-code-bytes");
        assertThat(js(browser, "return PF('mainEditor').getMonaco().getValue();")).asString().isEmpty();

        input.sendKeys(mainPy.toString());
        new WebDriverWait(browser, WAIT).until(b -> status.getText().startsWith("Opened " + name + ".py"));
        assertThat(js(browser, "return PF('mainEditor').getMonaco().getValue();"))
                .isEqualTo("def main(data):\n    print('from a file')\n");
        assertThat(browser.findElement(By.id("editor:name")).getDomProperty("value"))
                .as("a new script is named after its file").isEqualTo(name);
        save(browser);
        waitForText(browser, By.id("editor:messages"), "Saved '" + name + "'.");
        JsonObject saved = api.get("api/scripts?limit=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject()).filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow();
        assertThat(saved.getString("mainCode")).isEqualTo("def main(data):\n    print('from a file')\n");
    }

    @Test
    void leavingTheEditorWithUnsavedChangesIsHeldUp() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml").toString());
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        String leaving = "var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
                + " return e.defaultPrevented;";
        assertThat(js(browser, leaving)).as("nothing changed yet").isEqualTo(false);
        String name = "unsaved-" + UUID.randomUUID().toString().substring(0, 8);
        waitFor(browser, By.id("editor:name")).sendKeys(name);
        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", "def main(data):\n    pass\n");
        assertThat(js(browser, leaving)).as("leaving is held up after a change").isEqualTo(true);
        browser.findElement(By.id("editor:save")).click();
        settle(browser);
        waitForText(browser, By.id("editor:messages"), "Saved '" + name + "'.");
        assertThat(js(browser, leaving)).as("saved: leaving is free again").isEqualTo(false);
    }

    @Test
    void theScheduleShowsItsNextFireTimesWhileTyping() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml").toString());
        waitFor(browser, By.id("editor:kind"));
        assertThat(browser.findElements(By.id("editor:cron"))).as("no cron field for a manual schedule").isEmpty();
        assertThat(browser.findElements(By.id("editor:every"))).isEmpty();
        // (selectValue alone changes the menu silently: triggerChange sends the change as a person's choice does)
        js(browser, "PF(arguments[0]).selectValue('interval'); PF(arguments[0]).triggerChange();",
                widget(browser, "editor:kind"));
        settle(browser);
        waitFor(browser, By.id("editor:every"));
        assertThat(browser.findElements(By.id("editor:cron"))).as("nor for an interval").isEmpty();
        js(browser, "PF(arguments[0]).selectValue('cron'); PF(arguments[0]).triggerChange();",
                widget(browser, "editor:kind"));
        settle(browser);
        waitFor(browser, By.id("editor:cron"));
        assertThat(browser.findElements(By.id("editor:every"))).as("no interval field for cron").isEmpty();
        waitFor(browser, By.id("editor:cron")).sendKeys("0 0 12 * * *");
        waitOn(browser).until(b -> b.findElements(By.cssSelector("#preview-times li")).size() == 5);
        assertThat(browser.findElement(By.id("preview-times")).getText()).contains("12:00:00 UTC");
    }

    @Test
    void pausingAScriptUpdatesTheList() {
        String name = "pausable-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.createScript(("{\"name\": %s, \"mainCode\": %s, \"schedule\": {\"kind\": \"interval\","
                + " \"every\": \"1h\"}}").formatted(quote(name), quote("def main(data):\n    pass\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(browser, name);
        By row = By.xpath("//tr[.//a[text()='" + name + "']]");
        assertThat(browser.findElement(row).getText()).contains("active").contains("every 1 h from");
        click(browser, By.xpath("//tr[.//a[text()='" + name + "']]//button[.//span[text()='Pause']]"));
        settle(browser);
        waitForText(browser, row, "paused");
        assertThat(browser.findElement(row).getText()).contains("Resume");
        screenshot(browser, "scripts-list");
        assertThat(api.get("api/scripts/" + id).json().getBoolean("active")).as("paused through the list").isFalse();
    }

    @Test
    void userTextIsShownAsTextNeverRunAsCode() {
        // unique: another class names a script with the same markup on the server they share
        String payload = "<img src=x onerror=alert(1)>-" + UUID.randomUUID().toString().substring(0, 8);
        api.createScript("{\"name\": %s, \"description\": %s, \"mainCode\": %s}".formatted(quote(payload),
                quote("<script>alert(2)</script>"), quote("def main(data):\n    print('<b>bold</b>')\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(browser, payload);
        assertThat(browser.findElement(By.id("list:scripts")).getText()).contains(payload)
                .contains("<script>alert(2)</script>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aRunsLogAndOutcomeArriveLiveOnItsPage() {
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote("live-" + UUID.randomUUID()),
                quote("import time\ndef main(data):\n    print('first line', flush=True)\n    time.sleep(3)\n"
                        + "    print('second line', flush=True)\n    time.sleep(1)\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        String runId = api.run(id, true);
        openRunPage(browser, runId);
        waitForText(browser, By.id("log"), "first line");
        js(browser, "window.sesNotReloaded = true;");
        waitForText(browser, By.id("log"), "second line");
        screenshot(browser, "run-live-log");
        waitForText(browser, By.id("run:state"), "SUCCEEDED");
        assertThat(js(browser, "return window.sesNotReloaded === true;")).as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("#log .line"))).hasSize(2);
        openRunPage(browser, runId);
        waitForText(browser, By.id("run:processMode"), "a new interpreter");
    }

    @Test
    void aLongRunIsStoppedFromItsPage() {
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote("long-" + UUID.randomUUID()),
                quote(Api.SLEEPER)));
        String runId = api.run(id, true);
        api.awaitSleeping(runId, WAIT);
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        openRunPage(browser, runId);
        waitFor(browser, By.id("run:stop")).click();
        waitForText(browser, By.id("run:state"), "STOPPED");
        await().atMost(Duration.ofSeconds(5)).until(() -> RunProcesses.of(runId).isEmpty());
    }

    @Test
    void aSecondBrowserSeesARunFinishThroughPush() {
        String name = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name),
                quote("import time\ndef main(data):\n    time.sleep(1)\n")));
        WebDriver watcher = newBrowser();
        logIn(watcher, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(watcher, name);
        js(watcher, "window.sesNotReloaded = true;");
        String runId = api.run(id, true);
        api.awaitFinished(runId, WAIT);
        long finished = System.nanoTime();
        waitForText(watcher, By.cssSelector("#list\\:scripts_data > tr"), "SUCCEEDED");
        System.out.printf("The watching browser showed the finished run %d ms after the API did%n",
                (System.nanoTime() - finished) / 1_000_000);
        assertThat(js(watcher, "return window.sesNotReloaded === true;")).as("updated by push, not reloaded").isEqualTo(true);
    }

    @Test
    void anAdminManagesAccountsAndAUserChangesTheirPassword() {
        String name = "clicked-" + UUID.randomUUID().toString().substring(0, 8);
        WebDriver admin = newBrowser();
        logIn(admin, uri, "admin", Api.ADMIN_PASSWORD);
        admin.get(uri.resolve("admin/users.xhtml").toString());
        waitFor(admin, By.id("add:username")).sendKeys(name);
        admin.findElement(By.id("add:password")).sendKeys("first-password-1");
        admin.findElement(By.id("add:create")).click();
        settle(admin);
        // (the cell also holds its column's title, which a phone shows beside the value)
        By row = By.xpath("//tr[td[1][contains(normalize-space(), '" + name + "')]]");
        waitForText(admin, row, "user");
        admin.findElement(row).findElement(By.xpath(".//button[.//span[text()='viewer']]")).click();
        settle(admin);
        waitForText(admin, row, "viewer");
        admin.findElement(row).findElement(By.xpath(".//button[.//span[text()='Disable']]")).click();
        settle(admin);
        waitForText(admin, row, "disabled");
        var account = jakarta.json.Json.createReader(new java.io.StringReader(api.get("api/users").body())).readArray()
                .stream().map(v -> v.asJsonObject()).filter(u -> u.getString("username").equals(name)).findFirst()
                .orElseThrow();
        assertThat(account.getString("role")).isEqualTo("viewer");
        assertThat(account.getBoolean("enabled")).isFalse();

        admin.findElement(row).findElement(By.xpath(".//button[.//span[text()='Enable']]")).click();
        settle(admin);
        waitForText(admin, row, "yes");
        WebDriver owner = newBrowser();
        logIn(owner, uri, name, "first-password-1");
        owner.get(uri.resolve("account.xhtml").toString());
        waitFor(owner, By.id("password:current")).sendKeys("first-password-1");
        owner.findElement(By.id("password:next")).sendKeys("second-password-2");
        owner.findElement(By.id("password:confirm")).sendKeys("second-password-2");
        owner.findElement(By.id("password:change")).click();
        settle(owner);
        waitForText(owner, By.id("password:messages"), "Your password was changed.");
        assertThat(new Api(uri).login(name, "second-password-2").get("api/auth/me").json().getString("role"))
                .isEqualTo("viewer");
    }

    @Test
    void aScriptsHistoryShowsWhatAVersionChangedSideBySideAndRollsBack() {
        String one = "def main(data):\n    print('one')\n";
        String two = "def main(data):\n    print('two')\n";
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("history-" + UUID.randomUUID().toString().substring(0, 8)), quote(one)));
        api.patch("api/scripts/" + id, "{\"mainCode\": %s, \"versionMessage\": \"say two\"}".formatted(quote(two)));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);

        browser.get(uri.resolve("script-history.xhtml?id=" + id).toString());
        waitForText(browser, By.id("diff-summary"), "main.py +1 \u22121");
        assertThat(browser.findElement(By.id("history:versions")).getText()).contains("say two").contains("current");
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b,
                "return !!(PF('diffEditor') && PF('diffEditor').isReady && PF('diffEditor').isReady());")));
        assertThat(js(browser, "return PF('diffEditor').getMonaco().getOriginalEditor().getValue();")).isEqualTo(one);
        assertThat(js(browser, "return PF('diffEditor').getMonaco().getModifiedEditor().getValue();")).isEqualTo(two);
        screenshot(browser, "script-history");

        browser.findElement(By.id("history:versions:1:rollback")).click();
        waitFor(browser, By.cssSelector(".ui-confirmdialog-yes")).click();
        settle(browser);
        waitForText(browser, By.cssSelector(".ui-growl"), "Version 1's code is now the script's newest version.");
        JsonObject script = api.get("api/scripts/" + id).json();
        assertThat(script.getInt("currentVersion")).isEqualTo(3);
        assertThat(script.getString("mainCode")).isEqualTo(one);
        assertThat(browser.findElement(By.id("history:versions")).getText()).contains("Rolled back to version 1");
    }

    private static final String COUNTER = "def main(data):\n    data['n'] = data.get('n', 0) + 1\n";

    private String counterScript() {
        return api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("counter-" + UUID.randomUUID().toString().substring(0, 8)), quote(COUNTER)));
    }

    private void runToEnd(String id) {
        assertThat(api.post("api/scripts/" + id + "/runs?wait=60s", "{\"force\": true}").status()).isEqualTo(200);
    }

    private WebDriver openScript(String id) {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml?id=" + id).toString());
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        return browser;
    }

    private static void save(WebDriver browser) {
        browser.findElement(By.id("editor:save")).click();
        settle(browser);
    }

    /** The story of issue 24: runs advance the data while the page is open; a code-only save must not undo them. */
    @Test
    void aCodeOnlySaveKeepsTheDataRunsLeftWhileThePageWasOpen() {
        String id = counterScript();
        runToEnd(id);
        WebDriver browser = openScript(id);
        assertThat(browser.findElement(By.id("editor:data")).getAttribute("value")).contains("\"n\": 1");
        runToEnd(id);
        runToEnd(id);

        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", COUNTER + "    print('counted', data['n'])\n");
        save(browser);
        waitForText(browser, By.id("editor:messages"), "Changed meanwhile by runs or other people, and kept as they"
                + " are: data.");
        JsonObject script = api.get("api/scripts/" + id).json();
        assertThat(script.getJsonObject("data").getInt("n")).as("the runs' count, not the page's").isEqualTo(3);
        assertThat(script.getString("mainCode")).contains("print('counted'");
        assertThat(browser.findElement(By.id("editor:data")).getAttribute("value")).contains("\"n\": 3");
        assertThat(api.get("api/audit?target=" + id + "&action=SCRIPT_DATA_EDITED").json().getInt("total"))
                .as("a code-only save is no data edit").isZero();
        assertThat(api.get("api/audit?target=" + id + "&action=SCRIPT_UPDATED").json().getJsonArray("items")
                .getJsonObject(0).getString("detail")).startsWith("changed mainCode");
    }

    @Test
    void anEditedDataThatARunChangedMeanwhileIsRefusedWithBothValuesThenSavedOnPurpose() {
        String id = counterScript();
        WebDriver browser = openScript(id);
        WebElement data = browser.findElement(By.id("editor:data"));
        data.clear();
        data.sendKeys("{\"n\": 100}");
        runToEnd(id);

        save(browser);
        waitFor(browser, By.cssSelector(".ses-conflict-dialog .ses-conflict-theirs"));
        assertThat(browser.findElement(By.cssSelector(".ses-conflict-yours[data-field=data]")).getText())
                .contains("\"n\": 100");
        assertThat(browser.findElement(By.cssSelector(".ses-conflict-theirs[data-field=data]")).getText())
                .contains("\"n\": 1");
        assertThat(browser.findElement(By.id("editor:messages")).getText()).contains("Nothing was saved");
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").getInt("n")).isEqualTo(1);
        screenshot(browser, "script-conflict");

        browser.findElement(By.id("editor:overwrite")).click();
        settle(browser);
        waitForText(browser, By.id("editor:messages"), "Saved '");
        assertThat(api.get("api/scripts/" + id).json().getJsonObject("data").getInt("n")).isEqualTo(100);
    }

    @Test
    void theSecondOfTwoPeopleSavingTheSameCodeIsRefusedAndCanTakeTheFirstOnesInstead() {
        String id = counterScript();
        WebDriver first = openScript(id);
        WebDriver second = openScript(id);
        js(first, "PF('mainEditor').setValueNow(arguments[0]);", COUNTER + "    print('first')\n");
        js(second, "PF('mainEditor').setValueNow(arguments[0]);", COUNTER + "    print('second')\n");

        save(first);
        waitForText(first, By.id("editor:messages"), "Saved '");
        save(second);
        waitFor(second, By.cssSelector(".ses-conflict-theirs[data-field=mainCode]"));
        assertThat(second.findElement(By.cssSelector(".ses-conflict-theirs[data-field=mainCode]")).getText())
                .contains("print('first')");
        assertThat(second.findElement(By.cssSelector(".ses-conflict-yours[data-field=mainCode]")).getText())
                .contains("print('second')");
        assertThat(api.get("api/scripts/" + id).json().getString("mainCode")).contains("print('first')");

        second.findElement(By.id("editor:reload")).click();
        settle(second);
        waitForText(second, By.id("editor:messages"), "Reloaded");
        new WebDriverWait(second, WAIT).until(b -> String.valueOf(js(b,
                "return PF('mainEditor').isReady() ? PF('mainEditor').getMonaco().getValue() : '';")).contains("print('first')"));
        assertThat(api.get("api/scripts/" + id).json().getString("mainCode")).contains("print('first')");
    }

    /** Saving requirements says a build started, the page follows it, and a failure names its cause first. */
    @Test
    void savedRequirementsShowTheirEnvironmentsBuildAndWhyItFailed() {
        String name = "env-state-" + UUID.randomUUID().toString().substring(0, 8);
        String missing = "sesit-nowhere==" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1000) + ".0";
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        browser.get(uri.resolve("script.xhtml").toString());
        waitFor(browser, By.id("editor:name")).sendKeys(name);
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('mainEditor').isReady();")));
        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", "def main(data):\n    pass\n");
        js(browser, "PF('codeTabs').select(2);"); // an editor starts when its tab is first shown
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return PF('requirementsEditor').isReady();")));
        js(browser, "PF('requirementsEditor').setValueNow(arguments[0]);", missing + "\n");
        assertThat(browser.findElements(By.id("environment-state"))).as("no requirements saved yet").isEmpty();
        save(browser);

        // "is being built", or "failed to build" when pip was quicker than the answer
        waitForText(browser, By.id("editor:messages"), "Its Python environment");
        // the part polls every 3 s and is redrawn each time: the state is read in one go with its check
        String state = new WebDriverWait(browser, Duration.ofMinutes(2))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(b -> {
                    String text = b.findElement(By.id("environment-state")).getText();
                    return text.startsWith("FAILED") ? text : null;
                });
        assertThat(state).as("the cause first, then what happens next")
                .contains("A required package was not found in the package sources.")
                .contains("Nothing was found for " + missing).contains("pip is not tried again before");
        click(browser, By.cssSelector("#environment-state a"));
        waitForText(browser, By.id("install-log"), "No matching distribution found for sesit-nowhere");
    }

    @Test
    void aRunWhoseEnvironmentFailedLinksToPipsInstallLog() {
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s, \"requirements\": %s}".formatted(
                quote("needs-missing-" + UUID.randomUUID()), quote("def main(data):\n    pass\n"),
                quote("sesit-nowhere==" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1000) + ".0")));
        String runId = api.run(id, true);
        assertThat(api.awaitFinished(runId, Duration.ofMinutes(2)).getString("outcome")).isEqualTo("ENVIRONMENT_FAILED");
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        openRunPage(browser, runId);
        waitForText(browser, By.id("run:state"), "ENVIRONMENT_FAILED");

        browser.findElement(By.id("run:environment")).click();

        waitForText(browser, By.id("install-log"), "No matching distribution found for sesit-nowhere");
        assertThat(browser.findElement(By.id("environments:table")).getText()).contains("FAILED").contains("sesit-nowhere");
        screenshot(browser, "environments");
    }

    /** Opens a run's page and waits until it has caught up with what its socket missed while connecting. */
    private void openRunPage(WebDriver browser, String runId) {
        browser.get(uri.resolve("run.xhtml?id=" + runId).toString());
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b, "return sesLive.synced === true;")));
        settle(browser);
    }

    private static String widget(WebDriver browser, String clientId) {
        return (String) js(browser, "return PrimeFaces.detectWidgets ? null : null;") == null
                ? "widget_" + clientId.replace(':', '_') : null;
    }
}
