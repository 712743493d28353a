package dev.scriptexecuter.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimal dashboard over plain HTTP, as a browser without JavaScript would
 * use it: the list, and the add form with an uploaded main.py. Forms carry the
 * page's CSP nonce, as PrimeFaces' script adds it to every form.
 */
class DashboardIT extends MicroIT {

    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\" id=\"[^\"]*\" value=\"([^\"]+)\"");
    /** The page's CSP nonce, which PrimeFaces' script adds to every form and checks when a page is rendered again. */
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private Api api;
    private HttpClient browser;

    @BeforeEach
    void setUp() throws Exception {
        api = asAdmin();
        browser = newBrowser();
        logIn("admin", Api.ADMIN_PASSWORD);
    }

    private static HttpClient newBrowser() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Test
    void withoutALoginEveryPageLeadsToTheLoginPage() throws Exception {
        HttpClient stranger = newBrowser();
        HttpResponse<String> page = stranger.send(HttpRequest.newBuilder(base.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.uri().getPath()).endsWith("/login.xhtml");
        assertThat(page.body()).contains("<title>Log in · ScriptExecuterServer</title>");
        browser = stranger;
        String refused = logIn("admin", "not-the-password").body();
        assertThat(refused).contains("The username or password is wrong.").doesNotContain("not-the-password");
    }

    @Test
    void theHeaderShowsWhoIsLoggedInAndAdminsSeeTheUsersPage() throws Exception {
        String page = page();
        assertThat(page).contains("admin (admin)").contains("Log out").contains("/admin/users.xhtml");
        HttpResponse<String> users = browser.send(HttpRequest.newBuilder(base.toURI().resolve("admin/users.xhtml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("Accounts").contains("Add an account");
    }

    /**
     * A viewer who posts the admin's Force run button of the list's first row starts no run of that row's
     * script, and a forged Save on a new script page creates nothing for a viewer. Only the runs of that script count: other
     * classes share the server and their scripts may run meanwhile.
     */
    @Test
    void aViewerSeesNoActionsAndCannotPostThemAnyway() throws Exception {
        api.createScript("{\"name\": %s, \"mainCode\": %s}"
                .formatted(quote("viewed-" + UUID.randomUUID()), quote("def main(data):\n    pass\n")));
        String adminPage = page();
        Matcher runButton = Pattern.compile("id=\"(list:scripts:\\d+:[^\"]+)\"[^>]*>(?:<span[^>]*>[^<]*</span>)*"
                + "<span class=\"ui-button-text ui-c\">Force run</span>").matcher(adminPage);
        assertThat(runButton.find()).as("the admin sees a Force run button").isTrue();
        assertThat(adminPage).contains(">Delete<").contains(">New script<");

        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(viewer, "viewer-password", "viewer");
        browser = newBrowser();
        logIn(viewer, "viewer-password");
        String viewerPage = page();
        assertThat(viewerPage).contains(viewer + " (viewer)");
        assertThat(viewerPage).doesNotContain("Force run").doesNotContain(">Delete<").doesNotContain(">New script<");

        String target = scriptInRowOf(adminPage, runButton.group(1));
        long runsBefore = runCount(target);
        Matcher viewState = VIEW_STATE.matcher(viewerPage);
        assertThat(viewState.find()).isTrue();
        String forged = "list=list&jakarta.faces.ViewState=" + encode(viewState.group(1)) + "&" + nonce(viewerPage)
                + "&jakarta.faces.source=" + encode(runButton.group(1)) + "&" + encode(runButton.group(1)) + "="
                + "&jakarta.faces.partial.ajax=true&jakarta.faces.partial.execute=%40all";
        browser.send(HttpRequest.newBuilder(base.toURI().resolve("index.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                        .POST(HttpRequest.BodyPublishers.ofString(forged)).build(),
                HttpResponse.BodyHandlers.ofString());
        String forgedName = "forged-" + UUID.randomUUID();
        String saved = forgeSaveOfNewScript(forgedName);
        assertThat(saved).doesNotContain("Saved '");
        assertThat(runCount(target)).as("no run was started by the viewer").isEqualTo(runsBefore);
        assertThat(api.get("api/scripts?limit=500").body()).doesNotContain(forgedName);
    }

    /** The id of the script in the list's row that holds this component (its client id names the row). */
    private static String scriptInRowOf(String page, String clientId) {
        int component = page.indexOf("id=\"" + clientId + "\"");
        int row = page.lastIndexOf("<tr", component);
        assertThat(row).as("the row of %s", clientId).isNotNegative();
        Matcher link = Pattern.compile("script\\.xhtml\\?id=([^\"&]+)").matcher(page).region(row, component);
        assertThat(link.find()).as("the row of %s links its script", clientId).isTrue();
        return link.group(1);
    }

    /** Logs the browser in through the login page's form. */
    private HttpResponse<String> logIn(String username, String password) throws Exception {
        URI login = base.toURI().resolve("login.xhtml");
        String page = browser.send(HttpRequest.newBuilder(login).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher viewState = VIEW_STATE.matcher(page);
        assertThat(viewState.find()).as("the login page carries a view state").isTrue();
        String form = "login=login&login%3Ausername=" + encode(username) + "&login%3Apassword=" + encode(password)
                + "&login%3Asubmit=&jakarta.faces.ViewState=" + encode(viewState.group(1)) + "&" + nonce(page);
        return browser.send(HttpRequest.newBuilder(login)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String nonce(String page) {
        Matcher nonce = NONCE.matcher(page);
        assertThat(nonce.find()).as("the page carries a CSP nonce").isTrue();
        return "primefaces.nonce=" + encode(nonce.group(1));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void adminsReadTheAuditLogInTheDashboardAndOthersCannotOpenIt() throws Exception {
        HttpResponse<String> audit = browser.send(HttpRequest.newBuilder(base.toURI().resolve("admin/audit.xhtml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("<title>Audit log · ScriptExecuterServer</title>")
                .containsPattern("<code>LOGIN</code>.*dashboard");

        String viewer = "auditless-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(viewer, "viewer-password", "viewer");
        browser = newBrowser();
        logIn(viewer, "viewer-password");
        HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(base.toURI().resolve("admin/audit.xhtml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("<code>LOGIN</code>");
    }

    @Test
    void theApiDocsPageShowsTheOpenApiDocumentInSwaggerUi() throws Exception {
        assertThat(page()).contains("api-docs.xhtml");
        HttpResponse<String> docs = browser.send(HttpRequest.newBuilder(base.toURI().resolve("api-docs.xhtml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        Matcher script = Pattern.compile("src=\"[^\"]*/(webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"")
                .matcher(docs.body());
        assertThat(script.find()).as("the page loads Swagger UI").isTrue();
        assertThat(docs.body()).containsPattern("data-openapi=\"[^\"]*/openapi\"");
        HttpResponse<String> bundle = browser.send(HttpRequest.newBuilder(base.toURI().resolve(script.group(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bundle.statusCode()).as("the webjar's version is the page's").isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }

    @Test
    void theVariablesPageShowsASecretAsDotsAndNeverItsValue() throws Exception {
        String secret = "dash-" + UUID.randomUUID();
        assertThat(api.put("api/variables/DASHBOARD_SECRET", "{\"value\": %s, \"secret\": true}".formatted(quote(secret)))
                .status()).isEqualTo(200);
        assertThat(api.put("api/variables/DASHBOARD_PLAIN", "{\"value\": \"shown-plainly\"}").status()).isEqualTo(200);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(base.toURI().resolve("variables.xhtml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("DASHBOARD_SECRET").contains("\u2022\u2022\u2022\u2022")
                .contains("DASHBOARD_PLAIN").contains("shown-plainly").doesNotContain(secret);
    }

    @Test
    void theListShowsScriptsWithTheirNamesEscaped() throws Exception {
        // unique: another class names a script with the same markup on the server they share
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        api.createScript("{\"name\": %s, \"mainCode\": %s}"
                .formatted(quote("<img src=x onerror=alert(1)>" + suffix), quote("def main(data):\n    pass\n")));
        String page = page();
        assertThat(page).contains("<title>Scripts · ScriptExecuterServer</title>");
        // PrimeFaces' CSP mode moves the delete confirmation into a script, as a JSON string
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;" + suffix);
        assertThat(page.replaceAll("(?s)<script[^>]*>.*?</script>", "")).doesNotContain("<img src=x");
        assertThat(page).doesNotContain("jsessionid");
    }

    /** How many runs a script has. */
    private long runCount(String scriptId) {
        return api.get("api/scripts/" + scriptId + "/runs?limit=1").json().getJsonNumber("total").longValue();
    }

    /** The scripts list (the home, "/", is the overview). */
    private String page() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(base.toURI().resolve("index.xhtml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Posts the script page's Save as its button would, with a name, on a new script's page. */
    private String forgeSaveOfNewScript(String name) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(base.toURI().resolve("script.xhtml")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher viewState = VIEW_STATE.matcher(page);
        assertThat(viewState.find()).as("the page carries a view state").isTrue();
        String form = "editor=editor&editor%3Aname=" + encode(name) + "&editor%3Asave="
                + "&jakarta.faces.ViewState=" + encode(viewState.group(1)) + "&" + nonce(page)
                + "&jakarta.faces.source=editor%3Asave&jakarta.faces.partial.ajax=true"
                + "&jakarta.faces.partial.execute=%40all";
        return browser.send(HttpRequest.newBuilder(base.toURI().resolve("script.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
