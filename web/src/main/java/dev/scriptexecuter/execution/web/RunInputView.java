package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.InputSchema;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.PrettyJson;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Run with input" on a script's page: a form made from the script's input
 * schema (a field per property: a menu for choices, a box for true/false,
 * numbers, texts, JSON for objects and lists), or one JSON object where the
 * script has no schema. The server checks what is sent; a refusal is shown
 * at the field it names, and a run that starts opens its page.
 */
@Named
@ViewScoped
public class RunInputView implements Serializable {

    @Inject
    RunService runs;

    @Inject
    ScriptService scripts;

    private String scriptId;
    private transient List<InputSchema.Field> fields = List.of();
    private String schemaText;
    private final Map<String, String> values = new HashMap<>();
    private String json = "{}";
    private boolean force;
    private String errorField;
    private String error;

    /** Fills the form for the script: its fields with their defaults. */
    public void open(String scriptId) {
        this.scriptId = scriptId;
        ScriptView script = scripts.find(scriptId);
        schemaText = script.inputSchema() == null ? null : Json.text(script.inputSchema());
        values.clear();
        json = "{}";
        force = false;
        errorField = null;
        error = null;
        for (InputSchema.Field field : getFields()) {
            values.put(field.name(), field.defaultValue() == null ? null : text(field, field.defaultValue()));
        }
    }

    public List<InputSchema.Field> getFields() {
        if ((fields == null || fields.isEmpty()) && schemaText != null) {
            fields = InputSchema.stored(schemaText).fields();
        }
        return fields;
    }

    /** Starts the run with what the form says, and opens its page; a refusal stays on the form. */
    public String run() {
        errorField = null;
        error = null;
        try {
            JsonObject input = input();
            String runId = runs.request(scriptId, force, input).id();
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Messages.info("The run has started with this input.");
            return "/run?faces-redirect=true&id=" + runId;
        } catch (RequestRejected e) {
            Object field = e.details().get("field");
            errorField = field == null ? null : field.toString().replaceFirst("^input\\.", "");
            error = e.getMessage();
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(Messages.FORBIDDEN);
        }
        return null;
    }

    /** The form's values as the input: blank fields left out (the server fills in defaults). */
    private JsonObject input() {
        if (getFields().isEmpty()) {
            try {
                return PrettyJson.parseObject(json);
            } catch (IllegalArgumentException e) {
                throw RequestRejected.invalid("The input is not a JSON object: " + e.getMessage())
                        .with("field", "input");
            }
        }
        JsonObjectBuilder input = Json.PROVIDER.createObjectBuilder();
        for (InputSchema.Field field : getFields()) {
            String text = values.get(field.name());
            if (text == null || text.isBlank()) {
                continue;
            }
            input.add(field.name(), value(field, text.strip()));
        }
        return input.build();
    }

    private static JsonValue value(InputSchema.Field field, String text) {
        if (field.choices() != null) {
            return Json.parse(text); // the menu's values are the choices' JSON
        }
        try {
            return switch (field.type()) {
                case "integer", "number" -> Json.PROVIDER.createValue(new BigDecimal(text));
                case "boolean" -> Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
                case "object", "array" -> Json.parse(text);
                default -> Json.PROVIDER.createValue(text);
            };
        } catch (RuntimeException e) {
            throw RequestRejected.invalid("'" + field.label() + "' must be " + ("object".equals(field.type())
                            ? "a JSON object" : "array".equals(field.type()) ? "a JSON list" : "a number")
                    + "; it is '" + text + "'.").with("field", "input." + field.name());
        }
    }

    /** How a value shows in its field: a text as itself, anything else as JSON. */
    private static String text(InputSchema.Field field, JsonValue value) {
        if (field.choices() != null) {
            return value.toString();
        }
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    /**
     * A menu's options: its choices (a text shown without its quotes, sent as JSON), or true and false;
     * first an empty one ("default", or "none") unless the field is required and has no default.
     */
    public List<SelectItem> options(InputSchema.Field field) {
        List<SelectItem> options = new ArrayList<>();
        if (!field.required() || field.defaultValue() != null) {
            options.add(new SelectItem("", field.defaultValue() != null ? "(default)" : "(none)"));
        }
        List<JsonValue> choices = field.choices() != null ? field.choices() : List.of(JsonValue.TRUE, JsonValue.FALSE);
        for (JsonValue choice : choices) {
            options.add(new SelectItem(choice.toString(),
                    choice instanceof JsonString string ? string.getString() : choice.toString()));
        }
        return options;
    }

    /** The refusal's message when it names this field. */
    public String errorOf(String field) {
        return field.equals(errorField) ? error : null;
    }

    public boolean isSchemaLess() {
        return getFields().isEmpty();
    }

    public Map<String, String> getValues() {
        return values;
    }

    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }

    public boolean isForce() {
        return force;
    }

    public void setForce(boolean force) {
        this.force = force;
    }

    public String getJsonError() {
        return errorOf("input");
    }
}
