package dev.scriptexecuter.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run history as a file ({@code GET /api/runs/export}): CSV with each
 * run's times, outcome and resource figures, text a spreadsheet would run as
 * a formula kept as text; JSON as the API shows each run; the runs page's
 * filters and {@code until}; more runs than the limit refused, saying how many.
 */
@ExtendWith(SharedServer.class)
class RunExportIT {

    /** The shared server's ses.runs.export-max-runs. */
    static final int EXPORT_MAX = 25;
    private static final Duration RUN_TIME = Duration.ofMinutes(1);
    private static final List<String> COLUMNS = List.of("id", "script_id", "script_name", "trigger", "status",
            "outcome", "scheduled_for", "queued_at", "started_at", "finished_at", "duration_ms", "exit_code", "node",
            "attempt", "retry_of", "process_mode", "script_version", "requested_by", "cpu_user_s", "cpu_system_s",
            "peak_memory_bytes", "cgroup_cpu_user_s", "cgroup_cpu_system_s", "cgroup_peak_memory_bytes", "error");

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(SharedServer.uri()).asAdmin();
    }

    @Test
    void aScriptsRunsExportAsCsvWithTheirFiguresAndAsJsonAsTheApiShowsThem() {
        String name = "=HYPERLINK(\"x\",1), export " + UUID.randomUUID().toString().substring(0, 8);
        // burns a little CPU; the first run succeeds, the others fail (a failed run leaves the data as it was)
        // with an error holding a comma, quotes and a line break
        String script = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name), quote("""
                import time
                def main(data):
                    end = time.process_time() + 0.3
                    while time.process_time() < end:
                        pass
                    data['n'] = data.get('n', 0) + 1
                    if data['n'] == 2:
                        raise ValueError('bad, "really"\\nbad')
                """)));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(0, api.run(script, true));
            api.awaitFinished(runs.getFirst(), RUN_TIME);
        }

        Api.Answer csv = api.get("api/runs/export?script=" + script);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).matches("attachment; filename=\"runs-\\d{8}-\\d{6}\\.csv\"");
        assertThat(csv.header("X-Total-Count")).isEqualTo("3");
        List<List<String>> rows = parseCsv(csv.body());
        assertThat(rows.getFirst()).isEqualTo(COLUMNS);
        assertThat(rows.subList(1, rows.size())).as("newest first").extracting(row -> row.getFirst())
                .isEqualTo(runs);
        for (List<String> row : rows.subList(1, rows.size())) {
            JsonObject run = api.get("api/runs/" + row.getFirst()).json();
            assertThat(cell(row, "script_name")).as("kept as text, not run as a formula").isEqualTo("'" + name);
            assertThat(cell(row, "outcome")).isEqualTo(run.getString("outcome"));
            assertThat(cell(row, "queued_at")).isEqualTo(run.getString("queuedAt"));
            assertThat(Long.parseLong(cell(row, "duration_ms"))).isEqualTo(run.getJsonNumber("durationMillis").longValue());
            assertThat(Double.parseDouble(cell(row, "cpu_user_s")) + Double.parseDouble(cell(row, "cpu_system_s")))
                    .as("the CPU it burned").isGreaterThanOrEqualTo(0.25);
            assertThat(Double.parseDouble(cell(row, "cpu_user_s"))).isEqualTo(run.getJsonObject("usage")
                    .getJsonObject("process").getJsonNumber("cpuUserSeconds").doubleValue());
            assertThat(Long.parseLong(cell(row, "peak_memory_bytes"))).isGreaterThan(1024 * 1024);
        }
        assertThat(cell(rows.get(2), "outcome")).isEqualTo("FAILED");
        assertThat(cell(rows.get(2), "error")).contains("bad, \"really\"\nbad");

        Api.Answer json = api.get("api/runs/export?format=json&script=" + script);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.header("Content-Disposition")).endsWith(".json\"");
        JsonArray items = Json.createReader(new StringReader(json.body())).readArray();
        assertThat(items).extracting(item -> item.asJsonObject().getString("id")).isEqualTo(runs);
        for (JsonValue item : items) {
            assertThat(item.asJsonObject()).as("as GET /api/runs/{id} shows it")
                    .isEqualTo(api.get("api/runs/" + item.asJsonObject().getString("id")).json());
        }

        // the filters of the history, and until (the runs queued before it)
        assertThat(parseCsv(api.get("api/runs/export?outcome=FAILED&script=" + script).body()))
                .extracting(List::getFirst).containsExactly("id", runs.get(0), runs.get(1));
        assertThat(parseCsv(api.get("api/runs/export?outcome=SUCCEEDED&script=" + script).body()))
                .extracting(List::getFirst).containsExactly("id", runs.get(2));
        Instant second = Instant.parse(api.get("api/runs/" + runs.get(1)).json().getString("queuedAt"));
        assertThat(parseCsv(api.get("api/runs/export?script=" + script + "&until=" + second).body()))
                .extracting(List::getFirst).containsExactly("id", runs.get(2));
        assertThat(parseCsv(api.get("api/runs/export?script=" + script + "&since=" + second).body()))
                .extracting(List::getFirst).containsExactly("id", runs.get(0), runs.get(1));
        assertThat(Json.createReader(new StringReader(api.get("api/runs/export?format=json&script=" + script
                + "&since=" + Instant.now().plusSeconds(60)).body())).readArray()).as("none: an empty array").isEmpty();
        assertThat(api.withNewUser("viewer").get("api/runs/export?script=" + script).status())
                .as("whoever reads runs exports them").isEqualTo(200);
    }

    @Test
    void wrongRequestsAreRefusedNamingTheField() {
        assertField(api.get("api/runs/export?format=xlsx"), 400, "format");
        assertField(api.get("api/runs/export?since=yesterday"), 400, "since");
        assertField(api.get("api/runs/export?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z"), 400, "until");
        assertField(api.get("api/runs/export?outcome=" + enc("SUCEEDED")), 400, "outcome");
        assertField(api.get("api/runs/export?scrpt=x"), 400, "scrpt");
        assertThat(api.get("api/runs/export?script=no-such-script").status()).isEqualTo(404);
        assertThat(new Api(SharedServer.uri()).get("api/runs/export").status()).isEqualTo(401);
    }

    @Test
    void moreRunsThanAnExportHoldsAreRefusedSayingHowManyMatch() {
        String script = api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\"}"
                .formatted(quote("many-" + UUID.randomUUID())));
        for (int i = 0; i <= EXPORT_MAX; i++) {
            api.awaitFinished(api.run(script, true), RUN_TIME);
        }
        Api.Answer refused = api.get("api/runs/export?script=" + script);
        assertField(refused, 413, "until");
        assertThat(refused.json().getInt("matching")).isEqualTo(EXPORT_MAX + 1);
        assertThat(refused.json().getInt("limit")).isEqualTo(EXPORT_MAX);
        assertThat(refused.json().getString("detail")).contains(EXPORT_MAX + 1 + " runs match")
                .contains("ses.runs.export-max-runs");
        // narrowed, it is all of them: the newest one is left out by until
        Instant newest = Instant.parse(api.runsOf(script).getFirst().getString("queuedAt"));
        Api.Answer narrowed = api.get("api/runs/export?script=" + script + "&until=" + newest);
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(parseCsv(narrowed.body())).hasSize(EXPORT_MAX + 1);
    }

    private static void assertField(Api.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().getString("field")).isEqualTo(field);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String cell(List<String> row, String column) {
        return row.get(COLUMNS.indexOf(column));
    }

    /** RFC 4180: rows end with CRLF; a quoted cell may hold commas, line breaks and doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).as("the file ends with a row's CRLF").isEmpty();
        return rows;
    }
}
