package dev.scriptexecuter.script.boundary;

import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.python.boundary.PythonSyntaxCheck;
import dev.scriptexecuter.python.boundary.Requirements;
import dev.scriptexecuter.script.control.PolicyParser;
import dev.scriptexecuter.script.control.ScheduleParser;
import dev.scriptexecuter.script.entity.RunPolicy;
import dev.scriptexecuter.script.entity.Schedule;
import dev.scriptexecuter.script.entity.ScheduleKind;
import dev.scriptexecuter.script.entity.Script.ScriptContent;
import dev.scriptexecuter.script.entity.Script;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks a submitted script completely before anything is written: name,
 * sizes, Python syntax of main and trigger code, schedule and data. Every
 * refusal is a sentence that says what to fix.
 */
@ApplicationScoped
public class ScriptValidator {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_TAGS = 20;
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,39}");

    @Inject
    PythonSyntaxCheck syntaxCheck;

    @Inject
    @ConfigProperty(name = "ses.script.max-code-bytes", defaultValue = "1048576")
    int maxCodeBytes;

    @Inject
    @ConfigProperty(name = "ses.script.max-data-bytes", defaultValue = "1048576")
    int maxDataBytes;

    @Inject
    @ConfigProperty(name = "ses.env.allow-direct-urls", defaultValue = "false")
    boolean allowDirectUrls;

    @Inject
    @ConfigProperty(name = "ses.run.max-timeout", defaultValue = "PT24H")
    Duration maxTimeout;

    private final ScheduleParser scheduleParser = new ScheduleParser();

    /** The most bytes (UTF-8) main code, trigger code and requirements may each have. */
    public int maxCodeBytes() {
        return maxCodeBytes;
    }

    /** @param current the stored script when replacing one, else null */
    public ScriptContent validate(ScriptDraft draft, Script current, Instant now) {
        if (draft == null) {
            throw RequestRejected.invalid("The request body must be a script in JSON.");
        }
        noNul("description", draft.description());
        noNul("mainCode", draft.mainCode());
        noNul("triggerCode", draft.triggerCode());
        noNul("requirements", draft.requirements());
        String name = name(draft.name());
        String description = blankToNull(draft.description());
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw invalid("description", "The description is longer than " + MAX_DESCRIPTION + " characters.");
        }
        String mainCode = code("mainCode", "main code", draft.mainCode(), "main");
        String triggerCode = blankToNull(draft.triggerCode()) == null ? null
                : code("triggerCode", "trigger code", draft.triggerCode(), "trigger");
        String requirements = blankToNull(draft.requirements());
        checkSize("requirements", "requirements", requirements, maxCodeBytes, "ses.script.max-code-bytes");
        Requirements parsed = Requirements.parse(requirements, allowDirectUrls);
        Schedule schedule = scheduleParser.parse(draft.schedule(), current == null ? null : current.schedule(), now);
        RunPolicy policy = new PolicyParser(maxTimeout).parse(draft.policy(), current == null ? null : current.policy());
        String data = data(draft.data(), current);
        boolean active = draft.active() == null || draft.active();
        JsonObject schemaSent = inputSchema(draft.inputSchema());
        List<String> needed = schemaSent == null ? List.of() : InputSchema.parse(schemaSent).requiredWithoutDefault();
        if (!needed.isEmpty() && schedule.kind() != ScheduleKind.MANUAL) {
            throw invalid("inputSchema.required", "A scheduled run gets the defaults as its input, so a scheduled"
                    + " script's required inputs need a default: " + String.join(", ", needed) + " has none.");
        }
        return new ScriptContent(name, description, active, mainCode, triggerCode, requirements,
                parsed == null ? null : parsed.hash(), schedule, policy, data,
                schemaSent == null ? null : Json.text(schemaSent), tags(draft.tags()));
    }

    /**
     * Tags as stored: each 1 to 40 of a-z, 0-9, {@code - _ . :} starting with a letter or digit (upper case
     * is taken as lower case), at most {@value #MAX_TAGS}, sorted, each once.
     */
    /** One tag as a request names it (a filter, a limit's path), checked as a script's are; refused naming "tag". */
    public static String tag(String sent) {
        try {
            return tags(java.util.Collections.singletonList(sent)).getFirst();
        } catch (RequestRejected e) {
            throw RequestRejected.invalid(e.getMessage()).with("field", "tag");
        }
    }

    public static List<String> tags(List<String> sent) {
        if (sent == null) {
            return List.of();
        }
        if (sent.size() > MAX_TAGS) {
            throw invalid("tags", "A script has at most " + MAX_TAGS + " tags; these are " + sent.size() + ".");
        }
        java.util.TreeSet<String> tags = new java.util.TreeSet<>();
        for (int i = 0; i < sent.size(); i++) {
            String tag = sent.get(i) == null ? "" : sent.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                throw invalid("tags[" + i + "]", "A tag is 1 to 40 letters a-z, digits and - _ . : starting with a"
                        + " letter or digit; \"" + sent.get(i) + "\" is not one.");
            }
            tags.add(tag);
        }
        return List.copyOf(tags);
    }

    /** None (null) when none is sent (as a merge patch's null removes it) or {}; else the object, to be checked. */
    private static JsonObject inputSchema(JsonValue schema) {
        if (schema == null || schema.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(schema instanceof JsonObject object)) {
            throw invalid("inputSchema", "\"inputSchema\" must be a JSON object such as {\"properties\":"
                    + " {\"table\": {\"type\": \"string\"}}, \"required\": [\"table\"]}.");
        }
        return object.isEmpty() ? null : object;
    }

    /** The stored data is kept when none is sent, and only sent data is held to the size limit. */
    private String data(JsonValue data, Script current) {
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return current != null ? current.dataJson() : "{}";
        }
        if (data instanceof JsonObject object) {
            String text = Json.text(object);
            checkSize("data", "data", text, maxDataBytes, "ses.script.max-data-bytes");
            return text;
        }
        throw invalid("data", "\"data\" must be a JSON object such as {\"n\": 1}; it is "
                + data.getValueType().name().toLowerCase() + ".");
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw invalid("name", "The name is required.");
        }
        if (name.length() > MAX_NAME) {
            throw invalid("name", "The name is " + name.length() + " characters long; the limit is " + MAX_NAME + ".");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name", "The name must not contain control characters such as line breaks.");
        }
        return name;
    }

    private String code(String field, String label, String code, String function) {
        if (code == null || code.isBlank()) {
            throw invalid(field, "The " + label + " is required: define 'def " + function + "(data)'.");
        }
        checkSize(field, label, code, maxCodeBytes, "ses.script.max-code-bytes");
        PythonSyntaxCheck.Finding finding = syntaxCheck.check(code, function);
        if (!finding.ok()) {
            String where = finding.line() == null ? "" : " at line " + finding.line()
                    + (finding.column() == null ? "" : ", column " + finding.column());
            String detail = finding.syntax()
                    ? "The " + label + " has a syntax error" + where + ": " + finding.message() + "."
                    : "The " + label + " is not valid" + where + ": " + finding.message() + ".";
            throw invalid(field, detail).with("line", finding.line()).with("column", finding.column());
        }
        return code;
    }

    private static void checkSize(String field, String label, String text, int limit, String key) {
        if (text == null) {
            return;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw RequestRejected.tooLarge("The " + label + " is " + bytes + " bytes; the limit is " + limit
                    + " bytes (setting " + key + ").").with("field", field);
        }
    }

    /** The API's reader refuses NUL already; this holds the dashboard's forms to the same rule. */
    private static void noNul(String field, String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw invalid(field, "\"" + field + "\" contains the NUL character, which no text here may hold.");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static RequestRejected invalid(String field, String detail) {
        return RequestRejected.invalid(detail).with("field", field);
    }
}
