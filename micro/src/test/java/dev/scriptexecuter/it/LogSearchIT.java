package dev.scriptexecuter.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/runs/search}: finished runs whose log holds a text, with the
 * lines that hold it, narrowed by script, outcome and time, paged by cursor;
 * and what it refuses.
 */
@ExtendWith(SharedServer.class)
class LogSearchIT {

    private Api api;
    private String needle;

    @BeforeEach
    void setUp() {
        api = new Api(SharedServer.uri()).asAdmin();
        needle = "Needle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void findsTheRunsWhoseLogHoldsTheTextWithTheLinesThatDo() {
        String printer = script("print('first')\n    print('the " + needle + " is here')\n    print('third')\n"
                + "    print('again " + needle.toLowerCase() + "')\n");
        String run = finished(printer);
        String quiet = finished(script("print('nothing to see')\n"));

        JsonObject found = search("text=" + encode(needle.toUpperCase()));

        assertThat(ids(found)).containsExactly(run).doesNotContain(quiet);
        JsonObject match = found.getJsonArray("items").getJsonObject(0);
        assertThat(match.getJsonObject("run").getString("scriptId")).isEqualTo(printer);
        assertThat(match.getInt("matchingLines")).isEqualTo(2);
        JsonArray lines = match.getJsonArray("lines");
        assertThat(lines.getJsonObject(0).getInt("number")).as("numbered as on the run's page").isEqualTo(2);
        assertThat(lines.getJsonObject(0).getString("text")).endsWith("the " + needle + " is here");
        assertThat(lines.getJsonObject(1).getInt("number")).isEqualTo(4);
        assertThat(found.getBoolean("olderNotSearched")).isFalse();
        assertThat(found.getInt("searchedRuns")).isPositive();
    }

    @Test
    void scriptOutcomeAndTimeNarrowTheSearchAndACursorPagesThroughIt() {
        String printing = script("print('" + needle + "')\n");
        String failing = script("print('" + needle + "')\n    raise ValueError('no')\n");
        String first = finished(printing);
        String failed = finished(failing);
        Instant between = Instant.now();
        String second = finished(printing);
        String q = "text=" + encode(needle);

        assertThat(ids(search(q))).containsExactly(second, failed, first);
        assertThat(ids(search(q + "&script=" + printing))).containsExactly(second, first);
        assertThat(ids(search(q + "&outcome=FAILED"))).containsExactly(failed);
        assertThat(ids(search(q + "&since=" + between))).containsExactly(second);
        assertThat(ids(search(q + "&until=" + between))).containsExactly(failed, first);

        JsonObject page = search(q + "&limit=2");
        assertThat(ids(page)).containsExactly(second, failed);
        assertThat(ids(search(q + "&limit=2&after=" + page.getString("next")))).containsExactly(first);
    }

    @Test
    void wildcardsAreTextAndBadQueriesAreRefusedNamingTheField() {
        finished(script("print('100_" + needle + "')\n"));
        assertThat(ids(search("text=" + encode("100%" + needle)))).as("%% is no wildcard").isEmpty();
        assertThat(ids(search("text=" + encode("100_" + needle)))).hasSize(1);

        assertRefused("text=a", "text");
        assertRefused("text=" + encode("two\nlines"), "text");
        assertRefused("", "text");
        assertRefused("text=abc&limit=101", "limit");
        assertRefused("text=abc&outcome=GREAT", "outcome");
        assertRefused("text=abc&since=2027-01-02T00:00:00Z&until=2027-01-01T00:00:00Z", "until");
        assertRefused("text=abc&since=yesterday", "since");
        Api.Answer unknown = api.get("api/runs/search?text=abc&script=no-such-script");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("field")).isEqualTo("script");
    }

    @Test
    void aViewerMaySearchToo() {
        String run = finished(script("print('" + needle + "')\n"));
        Api viewer = api.withNewUser("viewer");
        Api.Answer answer = viewer.get("api/runs/search?text=" + encode(needle));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.json())).containsExactly(run);
    }

    private void assertRefused(String query, String field) {
        Api.Answer answer = api.get("api/runs/search?" + query);
        assertThat(answer.status()).as("?%s", query).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().getString("field")).as("?%s", query).isEqualTo(field);
    }

    private JsonObject search(String query) {
        Api.Answer answer = api.get("api/runs/search?" + query);
        assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonObject found) {
        return found.getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getJsonObject("run").getString("id")).toList();
    }

    private String script(String body) {
        return api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("logs-" + UUID.randomUUID()), quote("def main(data):\n    " + body)));
    }

    private String finished(String script) {
        String run = api.run(script, true);
        api.awaitFinished(run, Duration.ofMinutes(1));
        return run;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
