package dev.scriptexecuter.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** Variables and secrets: in the run's environment, a script's own winning; secrets never shown, stored or logged in clear. */
class VariablesIT extends MicroIT {

    private Api admin;

    @BeforeEach
    void setUp() {
        admin = asAdmin();
    }

    @Test
    void aScriptGetsTheGlobalVariablesAndItsOwnWhichWin() {
        assertThat(admin.put("api/variables/IT_GREETING", "{\"value\": \"hello\"}").status()).isEqualTo(200);
        assertThat(admin.put("api/variables/IT_REGION", "{\"value\": \"eu-west\"}").status()).isEqualTo(200);
        String id = admin.createScript("{\"name\": \"variables-env\", \"mainCode\": %s}".formatted(quote(
                "import os\ndef main(data):\n    print('greeting=' + os.environ['IT_GREETING'],"
                        + " 'region=' + os.environ['IT_REGION'])\n")));
        Api user = admin.withNewUser("user");
        assertThat(user.put("api/scripts/" + id + "/variables/IT_GREETING", "{\"value\": \"hi\"}").status())
                .isEqualTo(200);

        JsonObject run = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        assertThat(run.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(admin.get("api/runs/" + run.getString("id") + "/log").body()).contains("greeting=hi region=eu-west");
        assertThat(list("api/scripts/" + id + "/variables")).singleElement()
                .satisfies(v -> assertThat(v.getString("value")).isEqualTo("hi"));
        assertThat(list("api/variables")).extracting(v -> v.getString("name"))
                .contains("IT_GREETING", "IT_REGION");
    }

    @Test
    void aSecretReachesTheScriptButNeverAnAnswerAColumnOrTheLog() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        Api.Answer set = admin.put("api/variables/IT_TOKEN", "{\"value\": %s, \"secret\": true}".formatted(quote(token)));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().getBoolean("secret")).isTrue();
        assertThat(set.json().isNull("value")).isTrue();
        String id = admin.createScript("{\"name\": \"variables-secret\", \"mainCode\": %s}".formatted(quote(
                "import hashlib, os\ndef main(data):\n    token = os.environ['IT_TOKEN']\n"
                        + "    data['token_sha256'] = hashlib.sha256(token.encode()).hexdigest()\n"
                        + "    print('the token is', token, 'and again:' + token)\n"
                        + "    raise RuntimeError('cannot log in with ' + os.environ['IT_PASSWORD'])\n")));
        assertThat(admin.put("api/scripts/" + id + "/variables/IT_PASSWORD", "{\"value\": %s, \"secret\": true}"
                .formatted(quote(password))).status()).isEqualTo(200);

        JsonObject run = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        String log = admin.get("api/runs/" + run.getString("id") + "/log").body();
        assertThat(run.getString("outcome")).isEqualTo("FAILED");
        assertThat(log).contains("the token is *** and again:***").contains("cannot log in with ***")
                .doesNotContain(token).doesNotContain(password);
        assertThat(run.getString("error")).contains("***").doesNotContain(password);

        String printed = admin.put("api/scripts/" + id, "{\"name\": \"variables-secret\", \"mainCode\": %s}".formatted(quote(
                "import hashlib, os\ndef main(data):\n    data['token_sha256'] = hashlib.sha256("
                        + "os.environ['IT_TOKEN'].encode()).hexdigest()\n"))).body();
        assertThat(printed).doesNotContain(token);
        JsonObject succeeded = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        assertThat(succeeded.getJsonObject("dataAfter").getString("token_sha256")).as("the script got the secret")
                .isEqualTo(sha256(token));

        for (String path : List.of("api/variables", "api/scripts/" + id + "/variables", "api/audit?limit=500",
                "api/scripts/" + id, "api/runs/" + run.getString("id"), "openapi")) {
            assertThat(admin.get(path).body()).as(path).doesNotContain(token).doesNotContain(password);
        }
        assertThat(list("api/scripts/" + id + "/variables")).singleElement()
                .satisfies(v -> assertThat(v.isNull("value")).isTrue());
        if (TestDatabase.suite().isPresent()) {
            assertThat(everyTextColumn()).as("no column holds a secret in clear").doesNotContain(token, password);
        }
    }

    @Test
    void noProcessOfARunCarriesItsSecretsInItsEnvironmentBlock() throws Exception {
        String secret = "env-" + UUID.randomUUID();
        assertThat(admin.put("api/variables/IT_ENV_SECRET", "{\"value\": %s, \"secret\": true}".formatted(quote(secret)))
                .status()).isEqualTo(200);
        String id = admin.createScript("{\"name\": \"variables-processes\", \"mainCode\": %s}".formatted(quote(Api.SLEEPER)));
        String runId = admin.run(id, true);
        List<ProcessHandle> processes = admin.awaitSleeping(runId, Duration.ofSeconds(60));

        // the programs that set the sandbox up (setsid, prlimit, bwrap) are among them: they run outside it
        assertThat(processes).isNotEmpty();
        for (ProcessHandle process : processes) {
            byte[] environment = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc",
                    String.valueOf(process.pid()), "environ"));
            assertThat(new String(environment, StandardCharsets.UTF_8)).as("environment of %s",
                    process.info().command().orElse(String.valueOf(process.pid()))).doesNotContain(secret);
        }
        admin.post("api/runs/" + runId + "/stop", "");
        admin.awaitFinished(runId, Duration.ofSeconds(60));
    }

    @Test
    void badNamesAndValuesAreRefusedAndOnlyAdminsSetGlobalVariables() {
        assertThat(admin.put("api/variables/1ABC", "{\"value\": \"x\"}").status()).isEqualTo(400);
        Api.Answer reserved = admin.put("api/variables/PATH", "{\"value\": \"/tmp\"}");
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().getString("detail")).contains("set up by the server");
        for (String loader : List.of("SES_RUN_ID", "LD_AUDIT", "ld_preload", "BASH_ENV", "PYTHONWARNINGS", "GCONV_PATH")) {
            assertThat(admin.put("api/variables/" + loader, "{\"value\": \"/tmp/x.so\"}").status()).as(loader)
                    .isEqualTo(400);
        }
        assertThat(admin.put("api/variables/SHORT_SECRET", "{\"value\": \"abc\", \"secret\": true}").status())
                .isEqualTo(400);
        assertThat(admin.put("api/variables/NO_VALUE", "{\"secret\": false}").status()).isEqualTo(400);
        assertThat(admin.withNewUser("user").put("api/variables/BY_USER", "{\"value\": \"x\"}").status()).isEqualTo(403);
        assertThat(admin.delete("api/variables/NEVER_SET").status()).isEqualTo(404);
        assertThat(admin.put("api/scripts/no-such-script/variables/X_Y", "{\"value\": \"x\"}").status()).isEqualTo(404);
        assertThat(list("api/variables")).extracting(v -> v.getString("name"))
                .doesNotContain("1ABC", "PATH", "SHORT_SECRET", "NO_VALUE", "BY_USER");
    }

    @Test
    void resealingAfterAKeyChangeKeepsEverySecretUsable() {
        assertThat(admin.put("api/variables/IT_RESEALED", "{\"value\": \"sealed-once\", \"secret\": true}").status())
                .isEqualTo(200);
        JsonObject resealed = admin.post("api/variables/reseal", "").json();
        assertThat(resealed.getInt("resealed")).as("all are sealed with the current key already").isZero();
        String id = admin.createScript("{\"name\": \"variables-resealed\", \"mainCode\": %s}".formatted(quote(
                "import os\ndef main(data):\n    data['length'] = len(os.environ['IT_RESEALED'])\n")));
        assertThat(admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60)).getJsonObject("dataAfter")
                .getInt("length")).isEqualTo("sealed-once".length());
    }

    private List<JsonObject> list(String path) {
        Api.Answer answer = admin.get(path);
        assertThat(answer.status()).isEqualTo(200);
        return jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readArray().stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every column of every table of the suite's database (MariaDB or PostgreSQL), concatenated as text. */
    private static String everyTextColumn() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = TestDatabase.server().admin(TestDatabase.SUITE_DATABASE);
             Statement statement = connection.createStatement()) {
            String quote = connection.getMetaData().getIdentifierQuoteString();
            List<String> tables = new java.util.ArrayList<>();
            // MariaDB: the database is the catalog; PostgreSQL: the tables are in the public schema
            String schema = TestDatabase.server().kind() == TestDatabase.Kind.POSTGRESQL ? "public" : null;
            try (ResultSet names = connection.getMetaData().getTables(connection.getCatalog(), schema, "%",
                    new String[] {"TABLE"})) {
                while (names.next()) {
                    tables.add(names.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the tables of the suite's database").contains("variable", "run", "script");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }
}
