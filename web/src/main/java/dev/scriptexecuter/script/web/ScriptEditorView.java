package dev.scriptexecuter.script.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.web.Messages;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import org.primefaces.PrimeFaces;
import org.primefaces.extensions.model.monacoeditor.EditorOptions;
import org.primefaces.extensions.model.monacoeditor.ELanguage;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The script page: main code, trigger code and requirements in Monaco editors,
 * the schedule with a preview of its next fire times, and the data as JSON.
 * A refused save marks the offending line in the editor.
 */
@Named
@ViewScoped
public class ScriptEditorView implements Serializable {

    private static final int PREVIEW = 5;

    @Inject
    ScriptService scripts;

    @Inject
    RunService runs;

    private String id;
    private final ScriptForm form = new ScriptForm();
    private String dataText = "{}";
    private List<Instant> preview = List.of();
    private String previewProblem;
    private int currentVersion;
    private String pausedReason;
    private String homeUsage;

    /** Called by the page's view action after the id parameter is set. */
    public void load() {
        if (id != null && !id.isBlank()) {
            try {
                ScriptView script = scripts.find(id);
                form.fill(script);
                currentVersion = script.currentVersion();
                pausedReason = script.pausedReason();
                dataText = PrettyJson.format(script.data());
                homeUsage = runs.homeUsage(id).text();
            } catch (RequestRejected e) {
                Messages.error(e.getMessage());
                id = null;
            }
        }
        updatePreview();
    }

    public void save() {
        clearMarkers();
        JsonValue data;
        try {
            data = PrettyJson.parseObject(dataText);
        } catch (IllegalArgumentException e) {
            Messages.error("The data is not a JSON object: " + e.getMessage());
            return;
        }
        ScriptDraft draft = form.draft(data);
        try {
            ScriptView saved = id == null ? scripts.create(draft) : scripts.replace(id, draft);
            id = saved.id();
            form.fill(saved);
            currentVersion = saved.currentVersion();
            dataText = PrettyJson.format(saved.data());
            Messages.info("Saved '" + saved.name() + "'.");
            PrimeFaces.current().executeScript("sesSaved(" + jsString(saved.id()) + ")");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            mark(e);
        } catch (EJBAccessException e) {
            Messages.error(Messages.FORBIDDEN);
        }
        updatePreview();
    }

    public void updatePreview() {
        try {
            preview = scripts.preview(form.schedule(), PREVIEW);
            previewProblem = null;
        } catch (RequestRejected e) {
            preview = List.of();
            previewProblem = e.getMessage();
        }
    }

    /** The Monaco widget of each field a refusal can point into. */
    private static final Map<String, String> EDITORS = Map.of("mainCode", "mainEditor", "triggerCode", "triggerEditor",
            "requirements", "requirementsEditor");

    private void mark(RequestRejected e) {
        Object field = e.details().get("field");
        Object line = e.details().get("line");
        String widget = EDITORS.get(String.valueOf(field));
        Object column = e.details().getOrDefault("column", 1);
        if (widget == null || !(line instanceof Number lineNumber) || !(column instanceof Number columnNumber)) {
            return;
        }
        // only numbers and JSON strings go into the script: the message quotes the user's code
        PrimeFaces.current().executeScript("sesMark(" + jsString(widget) + "," + lineNumber.intValue() + ","
                + columnNumber.intValue() + "," + jsString(e.getMessage()) + ")");
    }

    private static void clearMarkers() {
        PrimeFaces.current().executeScript("sesClearMarks()");
    }

    private static String jsString(String text) {
        return jakarta.json.Json.createValue(text).toString().replace("</", "<\\/");
    }

    public EditorOptions getPythonOptions() {
        return new EditorOptions().setLanguage(ELanguage.PYTHON).setFontSize(14).setTabSize(4);
    }

    public EditorOptions getTextOptions() {
        return new EditorOptions().setLanguage(ELanguage.PLAINTEXT).setFontSize(14);
    }

    /** The size of the script's home on this node and its limit; null for a new script. */
    public String getHomeUsage() {
        return homeUsage;
    }

    public int getCurrentVersion() {
        return currentVersion;
    }

    public boolean isNew() {
        return id == null;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public ScriptForm getForm() {
        return form;
    }

    public String getDataText() {
        return dataText;
    }

    public void setDataText(String dataText) {
        this.dataText = dataText;
    }

    public List<Instant> getPreview() {
        return preview;
    }

    public String getPreviewProblem() {
        return previewProblem;
    }

    /** Why the server paused the script by itself, or null. */
    public String getPausedReason() {
        return pausedReason;
    }
}
