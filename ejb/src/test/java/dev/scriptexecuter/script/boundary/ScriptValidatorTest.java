package dev.scriptexecuter.script.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.python.boundary.TestPython;
import dev.scriptexecuter.script.entity.Script.ScriptContent;
import dev.scriptexecuter.script.entity.Script;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

class ScriptValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String MAIN = "def main(data):\n    print('hi')\n";

    @TempDir
    Path work;

    private ScriptValidator cut;

    @BeforeEach
    void setUp() {
        cut = new ScriptValidator();
        cut.syntaxCheck = TestPython.syntaxCheck(work);
        cut.maxCodeBytes = 1024;
        cut.maxDataBytes = 64;
        cut.maxTimeout = java.time.Duration.ofHours(1);
    }

    private static ScriptDraft draft(String name, String main, String trigger) {
        return new ScriptDraft(name, null, null, main, trigger, null, null, null, null, null, null, null);
    }

    @Test
    void aCompleteScriptPassesWithDefaults() {
        ScriptContent content = cut.validate(draft("  hello  ", MAIN, null), null, NOW);
        assertThat(content.name()).isEqualTo("hello");
        assertThat(content.active()).isTrue();
        assertThat(content.dataJson()).isEqualTo("{}");
        assertThat(content.triggerCode()).isNull();
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        RequestRejected rejected = assertRejected(draft("s", "def main(data):\n    print('x'\n", null),
                RequestRejected.Reason.INVALID, "The main code has a syntax error at line 2");
        assertThat(rejected.details()).containsEntry("field", "mainCode").containsEntry("line", 2).containsKey("column");
        assertRejected(draft("s", MAIN, "def trigger(data)\n    return True\n"), RequestRejected.Reason.INVALID,
                "The trigger code has a syntax error at line 1");
    }

    @Test
    void theContractFunctionsMustBeDefined() {
        assertRejected(draft("s", "print('no main')\n", null), RequestRejected.Reason.INVALID,
                "must define a top-level function 'def main(data)'");
        assertRejected(draft("s", MAIN, "x = 1\n"), RequestRejected.Reason.INVALID,
                "must define a top-level function 'def trigger(data)'");
        assertRejected(draft("s", " ", null), RequestRejected.Reason.INVALID, "The main code is required");
    }

    @Test
    void nulIsRefusedInEveryTextAlsoFromTheDashboard() {
        RequestRejected rejected = assertRejected(draft("s", MAIN + "# a\0b\n", null), RequestRejected.Reason.INVALID,
                "NUL");
        assertThat(rejected.details()).containsEntry("field", "mainCode");
        assertThat(assertRejected(draft("s", MAIN, "def trigger(data):\n    return '\0'\n"),
                RequestRejected.Reason.INVALID, "NUL").details()).containsEntry("field", "triggerCode");
    }

    @Test
    void errorsFoundOnlyByTheCompilerAreCaught() {
        RequestRejected rejected = assertRejected(draft("s", "return 1\n" + MAIN, null), RequestRejected.Reason.INVALID,
                "The main code has a syntax error at line 1");
        assertThat(rejected.getMessage()).contains("'return' outside function");
    }

    @Test
    void mainMustBeAPlainFunctionTakingTheData() {
        assertRejected(draft("s", "async def main(data):\n    pass\n", null), RequestRejected.Reason.INVALID,
                "The main code is not valid at line 1, column 1: 'main' must be a plain function");
        assertRejected(draft("s", "def main():\n    pass\n", null), RequestRejected.Reason.INVALID,
                "must take one argument, the data");
    }

    @Test
    void namesAreRequiredShortAndSingleLine() {
        assertRejected(draft("", MAIN, null), RequestRejected.Reason.INVALID, "The name is required.");
        assertRejected(draft("x".repeat(101), MAIN, null), RequestRejected.Reason.INVALID,
                "The name is 101 characters long; the limit is 100.");
        assertRejected(draft("a\nb", MAIN, null), RequestRejected.Reason.INVALID, "control characters");
    }

    @Test
    void oversizedCodeIsTooLarge() {
        String big = MAIN + "#" + "x".repeat(2000) + "\n";
        assertRejected(draft("s", big, null), RequestRejected.Reason.TOO_LARGE,
                "the limit is 1024 bytes (setting ses.script.max-code-bytes)");
    }

    @Test
    void dataMustBeAnObjectOfBoundedSize() {
        ScriptDraft number = new ScriptDraft("s", null, null, MAIN, null, null, null, Json.createValue(5), null, null, null, null);
        assertRejected(number, RequestRejected.Reason.INVALID, "\"data\" must be a JSON object");
        ScriptDraft big = new ScriptDraft("s", null, null, MAIN, null, null, null,
                Json.createObjectBuilder().add("text", "y".repeat(100)).build(), null, null, null, null);
        assertRejected(big, RequestRejected.Reason.TOO_LARGE, "ses.script.max-data-bytes");
        ScriptDraft nullData = new ScriptDraft("s", null, null, MAIN, null, null, null, JsonValue.NULL, null, null, null, null);
        assertThat(cut.validate(nullData, null, NOW).dataJson()).isEqualTo("{}");
    }

    @Test
    void anInputSchemaIsCheckedAndLeavingItOutOrAnEmptyObjectMeansNone() {
        JsonObject schema = Json.createReader(new java.io.StringReader(
                "{\"properties\": {\"table\": {\"type\": \"string\"}}, \"required\": [\"table\"]}")).readObject();
        ScriptDraft manual = new ScriptDraft("s", null, null, MAIN, null, null, null, null, null, schema, null, null);
        assertThat(cut.validate(manual, null, NOW).inputSchema()).contains("\"table\"");
        ScriptDraft scheduled = new ScriptDraft("s", null, null, MAIN, null, null,
                new ScheduleSpec("interval", "PT1M", null, null, null), null, null, schema, null, null);
        assertRejected(scheduled, RequestRejected.Reason.INVALID, "a scheduled script's required inputs need a default:"
                + " table has none");
        ScriptDraft notAnObject = new ScriptDraft("s", null, null, MAIN, null, null, null, null, null,
                Json.createValue("table"), null, null);
        assertRejected(notAnObject, RequestRejected.Reason.INVALID, "\"inputSchema\" must be a JSON object");
        Script stored = new Script("s", NOW);
        stored.edit(cut.validate(manual, null, NOW), NOW);
        assertThat(cut.validate(draft("s", MAIN, null), stored, NOW).inputSchema()).as("left out: none").isNull();
        ScriptDraft removed = new ScriptDraft("s", null, null, MAIN, null, null, null, null, null,
                JsonValue.EMPTY_JSON_OBJECT, null, null);
        assertThat(cut.validate(removed, stored, NOW).inputSchema()).isNull();
    }

    @Test
    void scheduleProblemsAreReported() {
        ScriptDraft draft = new ScriptDraft("s", null, false, MAIN, null, null,
                new ScheduleSpec("interval", "every now and then", null, null, null), null, null, null, null, null);
        assertRejected(draft, RequestRejected.Reason.INVALID, "ISO-8601 duration");
    }

    @Test
    void tagsAreStoredLowerCaseSortedOnceAndRefusedNamingTheOneThatIsNot() {
        assertThat(cut.validate(tagged(java.util.List.of("Nightly", " db ", "db", "team-a:etl_2")), null, NOW).tags())
                .containsExactly("db", "nightly", "team-a:etl_2");
        assertThat(cut.validate(tagged(null), null, NOW).tags()).isEmpty();
        assertThat(assertRejected(tagged(java.util.List.of("db", "two words")), RequestRejected.Reason.INVALID,
                "\"two words\" is not one").details()).containsEntry("field", "tags[1]");
        assertThat(assertRejected(tagged(java.util.Arrays.asList("db", null)), RequestRejected.Reason.INVALID,
                "is not one").details()).containsEntry("field", "tags[1]");
        assertThat(assertRejected(tagged(java.util.List.of("-db")), RequestRejected.Reason.INVALID, "is not one")
                .details()).containsEntry("field", "tags[0]");
        assertThat(assertRejected(tagged(java.util.List.of("x".repeat(41))), RequestRejected.Reason.INVALID,
                "is not one").details()).containsEntry("field", "tags[0]");
        assertThat(assertRejected(tagged(java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()),
                RequestRejected.Reason.INVALID, "at most 20 tags").details()).containsEntry("field", "tags");
    }

    private static ScriptDraft tagged(java.util.List<String> tags) {
        return new ScriptDraft("s", null, null, MAIN, null, null, null, null, null, null, null, tags);
    }

    private RequestRejected assertRejected(ScriptDraft draft, RequestRejected.Reason reason, String message) {
        RequestRejected rejected = org.assertj.core.api.Assertions.catchThrowableOfType(RequestRejected.class,
                () -> cut.validate(draft, null, NOW));
        assertThat(rejected).as("rejection of %s", draft).isNotNull();
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.getMessage()).contains(message);
        return rejected;
    }

    @Test
    void aPolicyIsCheckedFieldByFieldAndMissingMeansKeep() {
        var policy = new dev.scriptexecuter.script.boundary.PolicySpec("90s", true, "queue", "fire-all", 2, null, "Warm", 50, 0, null, null,
                null, null);
        var content = cut.validate(new ScriptDraft("s", null, null, MAIN, null, null, null, null, policy, null, null, null), null, NOW);
        assertThat(content.policy().timeout()).hasSeconds(90);
        assertThat(content.policy().overlap()).isEqualTo(dev.scriptexecuter.script.entity.OverlapPolicy.QUEUE);
        assertThat(content.policy().misfire()).isEqualTo(dev.scriptexecuter.script.entity.MisfirePolicy.FIRE_ALL);
        assertThat(content.policy().retryBackoff()).as("a default backoff with retries").hasSeconds(30);
        assertThat(content.policy().runMode()).isEqualTo(dev.scriptexecuter.script.entity.RunMode.WARM);
        assertThat(content.policy().keepRuns()).isEqualTo(50);
        assertThat(content.policy().keepDays()).as("0: no limit by age").isZero();
        var byDefault = new dev.scriptexecuter.script.boundary.PolicySpec(null, null, null, null, null, null, "default", null, null, null, null, null, null);
        assertThat(cut.validate(new ScriptDraft("s", null, null, MAIN, null, null, null, null, byDefault, null, null, null), null, NOW)
                .policy().runMode()).as("the node's default").isNull();

        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec("PT2H", null, null, null, null, null, null, null, null, null, null, null, null), null, null, null),
                RequestRejected.Reason.INVALID, "ses.run.max-timeout");
        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec(null, null, "sometimes", null, null, null, null, null, null, null, null, null, null), null, null, null),
                RequestRejected.Reason.INVALID, "one of skip, queue, allow");
        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec(null, null, null, null, 11, null, null, null, null, null, null, null, null), null, null, null),
                RequestRejected.Reason.INVALID, "between 0 and 10");
        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec(null, null, null, null, null, null, "hot", null, null, null, null, null, null), null, null, null),
                RequestRejected.Reason.INVALID, "\"runMode\" must be one of spawn, warm");
        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec(null, null, null, null, null, null, null, -1, null, null, null, null, null), null, null, null),
                RequestRejected.Reason.INVALID, "\"keepRuns\" must be between 0 (no limit) and 1000000");
        assertRejected(new ScriptDraft("s", null, null, MAIN, null, null, null, null,
                new dev.scriptexecuter.script.boundary.PolicySpec(null, null, null, null, null, null, null, null, 40000, null, null, null, null), null,
                null, null), RequestRejected.Reason.INVALID, "\"keepDays\" must be between 0 (no limit) and 36500");
    }
}
