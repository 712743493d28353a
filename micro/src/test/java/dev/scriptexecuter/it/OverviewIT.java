package dev.scriptexecuter.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's home, in headless Chromium: the day's runs drawn by outcome (checked through the chart's
 * data), the scripts failing now, the open incidents, the next runs due and the nodes; a run ending anywhere
 * brings it up to date without a reload.
 */
@ExtendWith(SharedServer.class)
class OverviewIT extends BrowserTest {

    @Test
    void theHomeShowsTheDaysRunsWhatFailsWhatIsOverdueWhatComesNextAndTheNodes() {
        URI uri = SharedServer.uri();
        Api api = new Api(uri).asAdmin();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String fine = api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                .formatted(quote("fine-" + tag)) + " \"schedule\": {\"kind\": \"interval\", \"every\": \"1h\"}}");
        String broken = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote("broken-" + tag),
                quote("def main(data):\n    raise ValueError('no')\n")));
        String quiet = api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                .formatted(quote("quiet-" + tag)) + " \"policy\": {\"overdueAfter\": \"PT2S\"}}");
        api.awaitFinished(api.run(fine, true), Duration.ofMinutes(1));
        api.awaitFinished(api.run(broken, true), Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("api/incidents?open=true&script=" + quiet).json()
                .getInt("total") == 1);
        WebDriver browser = newBrowser();
        logIn(browser, uri, "admin", Api.ADMIN_PASSWORD);

        assertThat(browser.getCurrentUrl()).as("the home after the login").isEqualTo(uri.toString());
        waitFor(browser, By.id("runsChart"));
        long succeeded = total(browser, "succeeded");
        long failed = total(browser, "failed");
        assertThat(succeeded).as("the chart's own data, this run among them").isPositive();
        assertThat(failed).isPositive();
        assertThat(browser.findElement(By.id("runs-summary")).getText()).contains(succeeded + " succeeded")
                .contains(failed + " failed");
        assertThat(browser.findElement(By.id("failing")).getText()).contains("broken-" + tag).contains("FAILED")
                .doesNotContain("fine-" + tag);
        assertThat(browser.findElement(By.id("incidents")).getText()).contains("quiet-" + tag).contains("OVERDUE");
        assertThat(browser.findElement(By.id("next")).getText()).contains("fine-" + tag);
        assertThat(browser.findElement(By.id("nodes")).getText()).contains("run(s) ended in the last 24 hours");
        assertThat(browser.findElement(By.id("checks")).getText()).contains("UP database");

        // a run that ends now is drawn without a reload
        awaitSocket(browser);
        js(browser, "window.sesNotReloaded = true;");
        api.awaitFinished(api.run(fine, true), Duration.ofMinutes(1));
        waitOn(browser).until(b -> total(b, "succeeded") > succeeded);
        assertThat(js(browser, "return window.sesNotReloaded === true;")).as("updated in place").isEqualTo(true);
        screenshot(browser, "overview");
        api.post("api/scripts/" + quiet + "/pause", "");
        api.post("api/scripts/" + fine + "/pause", "");
    }

    /** A group's runs over the day, as the chart holds them. */
    private static long total(WebDriver browser, String group) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasets = (List<Map<String, Object>>) js(browser,
                "return PF('runsChart').chart.data.datasets.map(d => ({label: d.label, total: d.data.reduce((a, b) => a + b, 0)}));");
        return datasets.stream().filter(d -> group.equals(d.get("label"))).mapToLong(d -> ((Number) d.get("total"))
                .longValue()).sum();
    }
}
