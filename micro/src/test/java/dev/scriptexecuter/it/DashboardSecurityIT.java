package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard's defences in headless Chromium: values from the address bar
 * never run as script, every page works under the Content-Security-Policy
 * without one violation, and a page whose state or session is gone ends on a
 * page that says so, for AJAX buttons too.
 */
@ExtendWith(SharedServer.class)
class DashboardSecurityIT extends BrowserTest {

    /** Names of servers, containers and libraries that no answer may carry. */
    private static final Pattern PRODUCT =
            Pattern.compile("(?i)payara|glassfish|grizzly|wildfly|undertow|jboss|mojarra|weld|tyrus|eclipselink");
    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\" id=\"[^\"]*\" value=\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");
    private static final Pattern REDIRECT = Pattern.compile("<redirect url=\"([^\"]+)\"");
    private static final String AJAX = "jakarta.faces.partial.ajax=true&jakarta.faces.source=x"
            + "&jakarta.faces.partial.execute=%40all";

    private URI uri;
    private Api api;

    @BeforeEach
    void setUp() throws Exception {
        uri = SharedServer.uri();
        api = new Api(uri).asAdmin();
    }

    @Test
    void scriptBreakingRunIdsExecuteNothing() {
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        List<String> ids = List.of("';window.__x='Q1';//", "</script><img src=x onerror=\"window.__x='Q2'\">",
                "\\';window.__x='Q3';//", "\"><svg onload=\"window.__x='Q4'\">", "x\" data-shown=\"1\" onmouseover=\"window.__x='Q5'");
        for (String id : ids) {
            browser.get(uri.resolve("run.xhtml?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).toString());
            settle(browser);
            assertThat(js(browser, "return window.__x === undefined;")).as("nothing ran for id %s", id).isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("img[src='x'], svg[onload], [onmouseover]")))
                    .as("no markup of id %s on the page", id).isEmpty();
        }
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aScriptNamedLikeMarkupIsOnlyTextInTheDeleteConfirmation() {
        String name = "</script><b id=\"pwned\">x</b><img src=x onerror=\"window.__x='named'\">"
                + UUID.randomUUID().toString().substring(0, 6);
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name),
                quote("def main(data):\n    pass\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(browser, name);
        browser.findElement(By.xpath("//tr[contains(., 'onerror')]//button[.//span[text()='Delete']]")).click();
        waitForText(browser, By.cssSelector(".ui-confirm-dialog"), "Delete '" + name + "'");
        assertThat(js(browser, "return window.__x === undefined;")).isEqualTo(true);
        assertThat(browser.findElements(By.id("pwned"))).as("the name closed no script").isEmpty();
        // not left in the list of the classes after this one on the server they share
        assertThat(api.delete("api/scripts/" + id).status()).isEqualTo(204);
    }

    @Test
    void everyPageWorksUnderThePolicyWithoutAViolation() {
        String scriptId = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("policed-" + UUID.randomUUID().toString().substring(0, 8)), quote("def main(data):\n    print('hi')\n")));
        api.patch("api/scripts/" + scriptId, "{\"mainCode\": %s}".formatted(quote("def main(data):\n    print('ho')\n")));
        String runId = api.run(scriptId, true);
        api.awaitFinished(runId, WAIT);
        WebDriver browser = newBrowser();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        awaitSocket(browser);
        violations.put("login and the overview", policyViolations(browser));
        visit(browser, violations, "runs.xhtml", BrowserTest::awaitSocket);
        visit(browser, violations, "run.xhtml?id=" + runId, b -> {
            awaitSocket(b);
            new WebDriverWait(b, WAIT).until(d -> Boolean.TRUE.equals(js(d, "return sesLive.synced === true;")));
            waitForText(b, By.id("log"), "ho");
        });
        visit(browser, violations, "script.xhtml?id=" + scriptId, DashboardSecurityIT::markASyntaxError);
        visit(browser, violations, "script.xhtml", b -> awaitEditor(b, "mainEditor"));
        visit(browser, violations, "script-history.xhtml?id=" + scriptId, b -> awaitEditor(b, "diffEditor"));
        for (String page : List.of("environments.xhtml", "environments.xhtml?id=nope-0", "variables.xhtml",
                "variables.xhtml?script=" + scriptId, "webhook.xhtml", "webhook.xhtml?script=" + scriptId,
                "account.xhtml", "admin/users.xhtml", "admin/audit.xhtml", "error.xhtml?ref=0123456789ab",
                "no-such-page.xhtml", "runs.xhtml?expired=true", "script.xhtml?id=" + scriptId + "&expired=true",
                "logs.xhtml?q=ho", "index.xhtml", "overview.xhtml")) {
            visit(browser, violations, page, b -> waitFor(b, By.cssSelector("h1, h2")));
        }
        visit(browser, violations, "api-docs.xhtml", b -> waitFor(b, By.cssSelector(".swagger-ui .info")));
        browser.get(uri.toString());
        waitFor(browser, By.id("session:logout")).click();
        waitFor(browser, By.id("login:username"));
        violations.put("log out", policyViolations(browser));

        violations.values().removeIf(List::isEmpty);
        assertThat(violations).as("what the policy blocked, by page").isEmpty();
        js(browser, "var s = document.createElement('script'); s.textContent = 'window.__inline = 1;';"
                + " document.body.appendChild(s);");
        assertThat(js(browser, "return window.__inline === undefined;")).as("an inline script without the nonce")
                .isEqualTo(true);
        assertThat(policyViolations(browser)).as("a violation reaches the log this test reads").isNotEmpty();
    }

    @Test
    void aButtonOnAPageWithAForgedViewStateLoadsThePageAgainWithANotice() {
        String name = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name),
                quote("def main(data):\n    pass\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(browser, name);
        js(browser, "document.querySelectorAll(\"input[name='jakarta.faces.ViewState']\")"
                + ".forEach(function (i) { i.value = 'forged'; });");
        click(browser, By.xpath("//tr[.//a[text()='" + name + "']]//button[.//span[text()='Pause']]"));

        waitForText(browser, By.id("ses-expired"), "This page had expired on the server");
        assertThat(browser.getCurrentUrl()).endsWith("/index.xhtml?expired=true");
        assertThat(api.get("api/scripts/" + id).json().getBoolean("active")).as("the action was not done").isTrue();
        assertThat(browser.getPageSource()).doesNotContainIgnoringCase("exception");
        assertThat(api.delete("api/scripts/" + id).status()).isEqualTo(204);
    }

    @Test
    void aButtonAfterTheSessionEndedLeadsToTheLoginPageWithANotice() {
        String name = "orphaned-" + UUID.randomUUID().toString().substring(0, 8);
        api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name), quote("def main(data):\n    pass\n")));
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);
        filterByName(browser, name);
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        browser.manage().deleteCookie(session);
        browser.manage().addCookie(new Cookie("JSESSIONID", "ended" + UUID.randomUUID().toString().replace("-", ""),
                session.getPath()));
        click(browser, By.xpath("//tr[.//a[text()='" + name + "']]//button[.//span[text()='Pause']]"));

        waitForText(browser, By.id("login:expired"), "Your session has ended. Please log in again.");
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml?expired=true");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNamesNoProduct() throws Exception {
        HttpClient client = loggedIn();
        String token = api.token("admin", Api.ADMIN_PASSWORD);
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        for (String path : List.of("", "login.xhtml", "api/scripts", "api/no-such-thing", "health/ready", "health/live",
                "metrics", "openapi", "jakarta.faces.resource/css/app.css.xhtml", "webjars/swagger-ui/5.34.1/swagger-ui.css",
                "error.xhtml", "no-such-page.xhtml", "no-such-file.txt")) {
            answers.put("anonymous " + path, send(anonymous(), HttpRequest.newBuilder(uri.resolve(path))));
            answers.put("logged in " + path, send(client, HttpRequest.newBuilder(uri.resolve(path))));
        }
        answers.put("api with a token", send(anonymous(), HttpRequest.newBuilder(uri.resolve("api/scripts"))
                .header("Authorization", "Bearer " + token)));
        answers.forEach((what, answer) -> {
            HttpHeaders headers = answer.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(what).get(InstanceOfAssertFactories.STRING)
                    .contains("frame-ancestors 'none'").contains("object-src 'none'").containsPattern("script-src 'self'( 'nonce-[^']+')?;?$");
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(headers.allValues("Server")).as(what).noneMatch(v -> PRODUCT.matcher(v).find());
            assertThat(headers.allValues("X-Powered-By")).as(what).noneMatch(v -> PRODUCT.matcher(v).find());
            assertThat(answer.body()).as(what).doesNotContainPattern(PRODUCT.pattern()).doesNotContain("Exception")
                    .doesNotContain(".java:");
        });
        assertThat(answers.get("logged in no-such-page.xhtml").statusCode()).isEqualTo(404);
        assertThat(answers.get("logged in no-such-page.xhtml").body()).contains("There is no such page.");
    }

    @Test
    void theSessionCookieIsNotSentWithOtherSitesPosts() throws Exception {
        HttpResponse<String> login = send(anonymous(), HttpRequest.newBuilder(uri.resolve("login.xhtml")));
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement(InstanceOfAssertFactories.STRING).containsIgnoringCase("SameSite=Lax").contains("HttpOnly");
    }

    @Test
    void aPostWithAForgedViewStateLoadsThePageAgainWithANotice() throws Exception {
        HttpClient client = loggedIn();
        HttpResponse<String> page = send(client, form(uri.resolve("index.xhtml"),
                "list=list&jakarta.faces.ViewState=forged&primefaces.nonce=forged"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().toString()).endsWith("/index.xhtml?expired=true");
        assertThat(page.body()).contains("This page had expired on the server").doesNotContain("Exception")
                .doesNotContainPattern(PRODUCT.pattern());
    }

    @Test
    void anAjaxPostWithAForgedViewStateIsSentToTheSamePageWithANotice() throws Exception {
        HttpClient client = loggedIn();
        String runId = api.run(api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("expiring-" + UUID.randomUUID()), quote("def main(data):\n    pass\n"))), true);
        HttpResponse<String> answer = send(client, form(uri.resolve("run.xhtml"), AJAX + "&run=run"
                + "&jakarta.faces.ViewState=forged").header("Faces-Request", "partial/ajax")
                .header("Referer", uri.resolve("run.xhtml?id=" + runId).toString()));
        assertThat(answer.body()).contains("<partial-response").doesNotContain("Exception");
        Matcher redirect = REDIRECT.matcher(answer.body());
        assertThat(redirect.find()).as("a redirect in %s", answer.body()).isTrue();
        String target = redirect.group(1).replace("&amp;", "&");
        assertThat(target).endsWith("/run.xhtml?id=" + runId + "&expired=true");
        HttpResponse<String> page = send(client, HttpRequest.newBuilder(uri.resolve(target)));
        assertThat(page.body()).contains("This page had expired on the server").contains(runId);
    }

    @Test
    void aPostAfterTheSessionEndedLeadsToTheLoginPageWithANotice() throws Exception {
        HttpClient ended = anonymous();
        String cookie = "JSESSIONID=ended" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> page = send(ended, form(uri.resolve("index.xhtml"), "list=list&jakarta.faces.ViewState=x")
                .header("Cookie", cookie));
        assertThat(page.uri().toString()).endsWith("/login.xhtml?expired=true");
        assertThat(page.body()).contains("Your session has ended. Please log in again.");

        HttpResponse<String> ajax = send(ended, form(uri.resolve("index.xhtml"), AJAX + "&list=list&jakarta.faces.ViewState=x")
                .header("Cookie", cookie).header("Faces-Request", "partial/ajax"));
        Matcher redirect = REDIRECT.matcher(ajax.body());
        assertThat(redirect.find()).as("a redirect in %s", ajax.body()).isTrue();
        assertThat(redirect.group(1)).endsWith("/login.xhtml?expired=true");
    }

    @Test
    void theErrorPageShowsOnlyAReferenceOfOurs() throws Exception {
        String shown = send(anonymous(), HttpRequest.newBuilder(uri.resolve("error.xhtml?ref=0123456789ab"))).body();
        assertThat(shown).contains("Something went wrong on the server.").contains("<code>0123456789ab</code>");
        String refused = send(anonymous(), HttpRequest.newBuilder(uri.resolve("error.xhtml?ref=call%20us%20at%20555"))).body();
        assertThat(refused).contains("Something went wrong on the server.").doesNotContain("call us").doesNotContain("<code>");
    }

    private HttpClient loggedIn() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String page = send(client, HttpRequest.newBuilder(uri.resolve("login.xhtml"))).body();
        Matcher viewState = VIEW_STATE.matcher(page);
        Matcher nonce = NONCE.matcher(page);
        assertThat(viewState.find() && nonce.find()).as("the login page has a view state and a nonce").isTrue();
        HttpResponse<String> home = send(client, form(uri.resolve("login.xhtml"), "login=login&login%3Ausername=admin"
                + "&login%3Apassword=" + encode(Api.ADMIN_PASSWORD) + "&login%3Asubmit=&jakarta.faces.ViewState="
                + encode(viewState.group(1)) + "&primefaces.nonce=" + encode(nonce.group(1))));
        assertThat(home.body()).contains("admin (admin)");
        return client;
    }

    /**
     * HTTP/1.1 as browsers speak it in the clear: Java's client otherwise asks each new connection to upgrade to
     * h2c, and Grizzly now and then leaves such a request unanswered until its 30 s time-out (CI saw it once).
     */
    private static HttpClient anonymous() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    private static HttpRequest.Builder form(URI target, String body) {
        return HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void visit(WebDriver browser, Map<String, List<String>> violations, String page, Consumer<WebDriver> ready) {
        browser.get(uri.resolve(page).toString());
        ready.accept(browser);
        settle(browser);
        violations.put(page, new ArrayList<>(policyViolations(browser)));
    }

    /** Saves code with a syntax error: the answer marks it in Monaco through a script the server sends. */
    private static void markASyntaxError(WebDriver browser) {
        awaitEditor(browser, "mainEditor");
        js(browser, "PF('mainEditor').setValueNow(arguments[0]);", "def main(data):\n    print('x'\n");
        browser.findElement(By.id("editor:save")).click();
        settle(browser);
        new WebDriverWait(browser, WAIT).until(b -> ((Number) js(b,
                "return monaco.editor.getModelMarkers({owner: 'ses'}).length;")).intValue() > 0);
    }

    private static void awaitEditor(WebDriver browser, String widget) {
        new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js(b,
                "return !!(window.PF && PF(arguments[0]) && PF(arguments[0]).isReady && PF(arguments[0]).isReady());",
                widget)));
    }
}
