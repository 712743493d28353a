package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Scripts move between two installations: export here, import into a second, empty server. */
class ImportExportIT extends MicroIT {

    private static final List<String> COMPARED = List.of("name", "description", "active", "mainCode", "triggerCode",
            "requirements", "schedule", "policy", "data", "inputSchema", "tags");

    @TempDir
    Path home;

    /**
     * Exports only this test's two scripts (by id: the server is shared with other classes and holds
     * theirs too); their names are unique to this test so that they cannot meet another's.
     */
    @Test
    void anExportImportedIntoAnEmptyInstallationGivesEqualScriptsAndNoSecretValues() throws Exception {
        Api here = asAdmin();
        String secret = "exported-" + UUID.randomUUID();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String reportName = "daily-report-" + suffix;
        String report = here.createScript(("{\"name\": %s, \"description\": \"mails the numbers\","
                + " \"mainCode\": %s, \"triggerCode\": %s, \"requirements\": \"# none\\n\","
                + " \"schedule\": {\"kind\": \"cron\", \"cron\": \"0 0 7 * * *\", \"timezone\": \"Europe/Berlin\"},"
                + " \"policy\": {\"timeout\": \"PT5M\", \"retries\": 2, \"keepRuns\": 20}, \"data\": {\"sent\": 41},"
                + " \"inputSchema\": {\"properties\": {\"day\": {\"type\": \"string\", \"default\": \"today\"}}},"
                + " \"tags\": [\"reports\", \"mail\"]}")
                .formatted(quote(reportName), quote("def main(data):\n    data['sent'] += 1\n"),
                        quote("def trigger(data):\n    return True\n")));
        String paused = here.createScript("{\"name\": %s, \"active\": false, \"mainCode\": %s}"
                .formatted(quote("paused-one-" + suffix), quote("def main(data):\n    pass\n")));
        here.put("api/scripts/" + report + "/variables/SMTP_HOST", "{\"value\": \"mail.example.org\"}");
        here.put("api/scripts/" + report + "/variables/SMTP_PASSWORD", "{\"value\": %s, \"secret\": true}"
                .formatted(quote(secret)));

        Api.Answer exported = here.get("api/export?data=true&script=" + report + "&script=" + paused);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body()).doesNotContain(secret);
        JsonObject document = exported.json();
        assertThat(document.getString("format")).isEqualTo("script-executer-export");
        assertThat(document.getJsonArray("scripts")).hasSize(2);
        assertThat(here.get("api/export?script=" + paused).json().getJsonArray("scripts")).hasSize(1);
        assertThat(here.get("api/export?script=" + report).json().getJsonArray("scripts").getJsonObject(0)
                .isNull("data")).as("data only when asked for").isTrue();

        try (MicroServer elsewhere = new MicroServer(home, "-Dses.node.name=elsewhere").start()) {
            Api there = new Api(elsewhere.uri()).asAdmin();
            JsonObject dryRun = there.post("api/import?dryRun=true", document.toString()).json();
            assertThat(dryRun.getBoolean("dryRun")).isTrue();
            assertThat(dryRun.getBoolean("applied")).isFalse();
            assertThat(actions(dryRun)).containsExactly("created", "created");
            assertThat(there.get("api/scripts").json().getInt("total")).as("a dry run writes nothing").isZero();

            JsonObject imported = there.post("api/import", document.toString()).json();
            assertThat(imported.getBoolean("applied")).isTrue();
            JsonObject reportItem = item(imported, reportName);
            assertThat(reportItem.getJsonArray("secretsToSet").getString(0)).isEqualTo("SMTP_PASSWORD");

            for (String id : List.of(report, paused)) {
                JsonObject original = here.get("api/scripts/" + id).json();
                JsonObject copy = there.get("api/scripts/" + item(imported, original.getString("name"))
                        .getString("scriptId")).json();
                for (String field : COMPARED) {
                    assertThat(copy.get(field)).as("%s of %s", field, original.getString("name"))
                            .isEqualTo(original.get(field));
                }
            }
            String copyId = reportItem.getString("scriptId");
            List<JsonObject> variables = jakarta.json.Json.createReader(new java.io.StringReader(
                    there.get("api/scripts/" + copyId + "/variables").body())).readArray().stream()
                    .map(JsonValue::asJsonObject).toList();
            assertThat(variables).extracting(v -> v.getString("name") + "=" + v.getString("value"))
                    .containsExactly("SMTP_HOST=mail.example.org");

            assertThat(actions(there.post("api/import?conflicts=skip", document.toString()).json()))
                    .containsExactly("skipped", "skipped");
            JsonObject renamed = there.post("api/import?conflicts=rename", document.toString()).json();
            assertThat(item(renamed, reportName).getString("importedAs")).isEqualTo(reportName + " (2)");
            there.patch("api/scripts/" + copyId, "{\"mainCode\": %s}".formatted(quote("def main(data):\n    pass\n")));
            JsonObject overwritten = there.post("api/import?conflicts=overwrite", document.toString()).json();
            assertThat(item(overwritten, reportName).getString("action")).isEqualTo("overwritten");
            assertThat(there.get("api/scripts/" + copyId).json().getString("mainCode"))
                    .isEqualTo(here.get("api/scripts/" + report).json().getString("mainCode"));
            assertThat(there.get("api/scripts").json().getInt("total")).isEqualTo(4);
        }
        // its cron would fire every morning on the server the classes after this one share
        assertThat(here.patch("api/scripts/" + report, "{\"active\": false}").status()).isEqualTo(200);
    }

    @Test
    void aDocumentWithABadScriptImportsNothingAndSaysWhy() {
        Api api = asAdmin();
        String document = """
                {"format": "script-executer-export", "formatVersion": 1, "scripts": [
                  {"name": "good-one", "mainCode": "def main(data):\\n    pass\\n"},
                  {"name": "broken-one", "mainCode": "def main(data):\\n    print('x'\\n"}]}""";

        Api.Answer refused = api.post("api/import", document);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("detail")).contains("broken-one").contains("syntax error");
        assertThat(actions(refused.json().getJsonObject("report"))).containsExactly("created", "invalid");
        assertThat(api.get("api/scripts?limit=500").body()).doesNotContain("good-one");

        assertThat(api.post("api/import", "{\"format\": \"something-else\", \"scripts\": []}").status()).isEqualTo(400);
        assertThat(api.post("api/import?conflicts=merge", document).status()).isEqualTo(400);
    }

    private static List<String> actions(JsonObject report) {
        return report.getJsonArray("items").stream().map(item -> item.asJsonObject().getString("action")).toList();
    }

    private static JsonObject item(JsonObject report, String name) {
        Map<String, JsonObject> items = report.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(item -> item.getString("name"), item -> item));
        return items.get(name);
    }
}
