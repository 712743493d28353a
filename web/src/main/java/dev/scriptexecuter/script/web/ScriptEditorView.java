package dev.scriptexecuter.script.web;

import dev.scriptexecuter.environment.boundary.EnvironmentService;
import dev.scriptexecuter.environment.boundary.EnvironmentView;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.boundary.EditConflict;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ChainService;
import dev.scriptexecuter.script.boundary.ChainView;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptValidator;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.web.CurrentUser;
import dev.scriptexecuter.web.Messages;
import dev.scriptexecuter.web.PrettyJson;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import org.primefaces.PrimeFaces;
import org.primefaces.extensions.model.monacoeditor.EditorOptions;
import org.primefaces.extensions.model.monacoeditor.ELanguage;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Inject
    CurrentUser currentUser;

    @Inject
    ScriptValidator validator;

    @Inject
    EnvironmentService environments;

    @Inject
    ChainService chains;

    private String id;
    private final ScriptForm form = new ScriptForm();
    private String dataText = "{}";
    private List<Instant> preview = List.of();
    private String previewProblem;
    private int currentVersion;
    private String pausedReason;
    private Instant pausedUntil;
    private String homeUsage;
    /** The environment of the script's requirements as last looked up; null without requirements. */
    private transient EnvironmentView environment;
    /** The script as this page read it (as the server writes it, JSON), the base of a save's merge. */
    private String read;
    /** The same as the form turned it into a draft before any edit (JSON): what a save compares the form with. */
    private String formRead;
    /** Fields this page's save found changed elsewhere too, with both values; empty when there is none. */
    private List<EditConflictRow> conflicts = List.of();

    /** The script's chain as last read (what its runs start, what starts it); null for a new script. */
    private transient ChainView chain;

    /** The script's chain: the scripts its runs start when they end, and the scripts whose runs start it. */
    public ChainView getChain() {
        if (chain == null && id != null && !id.isBlank()) {
            try {
                chain = chains.find(id);
            } catch (RequestRejected e) {
                return null; // deleted meanwhile: the page says so already
            }
        }
        return chain;
    }

    /** Called by the page's view action after the id parameter is set. */
    public void load() {
        if (id != null && !id.isBlank()) {
            try {
                show(scripts.find(id));
                homeUsage = runs.homeUsage(id).text();
                refreshEnvironment();
            } catch (RequestRejected e) {
                Messages.error(e.getMessage());
                id = null;
            }
        }
        updatePreview();
    }

    /** Shows the script as stored, and takes it as the base the next save is compared with. */
    private void show(ScriptView script) {
        form.fill(script);
        currentVersion = script.currentVersion();
        pausedReason = script.pausedReason();
        pausedUntil = script.pausedUntil();
        dataText = PrettyJson.format(script.data());
        read = script.draft().toJson();
        formRead = form.draft(script.data()).toJson();
        conflicts = List.of();
    }

    /**
     * Saves only what the person changed on this page: the data only when its
     * field was edited, so runs that advanced it meanwhile keep their result.
     * A field changed here and elsewhere since the page was read refuses the
     * save and shows both values.
     */
    public void save() {
        clearMarkers();
        JsonObject data;
        try {
            data = PrettyJson.parseObject(dataText);
        } catch (IllegalArgumentException e) {
            Messages.error("The data is not a JSON object: " + e.getMessage());
            return;
        }
        ScriptDraft draft;
        try {
            draft = form.draft(data);
        } catch (IllegalArgumentException e) {
            Messages.error("The input schema is not a JSON object: " + e.getMessage());
            return;
        }
        try {
            if (id == null) {
                ScriptView created = scripts.create(draft);
                saved(created, Set.of());
                return;
            }
            Set<String> changed = draft.fieldsChangedFrom(ScriptDraft.fromJson(formRead));
            if (changed.isEmpty()) {
                Messages.info("Nothing to save: no field was changed.");
                return;
            }
            saved(scripts.saveEdit(id, ScriptDraft.fromJson(read), draft, changed), changed);
        } catch (EditConflict e) {
            conflicts = EditConflictRow.of(e.fields());
            Messages.error(e.getMessage() + " Choose below whether to keep yours or theirs.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            mark(e);
        } catch (EJBAccessException e) {
            Messages.error(Messages.FORBIDDEN);
        }
        updatePreview();
    }

    private void saved(ScriptView saved, Set<String> changed) {
        List<String> meanwhile = read == null ? List.of() : saved.draft().fieldsChangedFrom(ScriptDraft.fromJson(read))
                .stream().filter(field -> !changed.contains(field)).toList();
        id = saved.id();
        show(saved);
        refreshEnvironment();
        if (meanwhile.stream().anyMatch(EDITORS::containsKey)) {
            // the editors show code the save did not write: they must show what is saved now
            PrimeFaces.current().ajax().update("editor:code");
        }
        Messages.info("Saved '" + saved.name() + "'." + (meanwhile.isEmpty() ? ""
                : " Changed meanwhile by runs or other people, and kept as they are: " + String.join(", ", meanwhile)
                + ".") + (changed.isEmpty() || changed.contains("requirements") ? environmentNews() : ""));
        if (isEnvironmentBuilding()) {
            PrimeFaces.current().executeScript("PF('environmentPoll').start()");
        }
        PrimeFaces.current().executeScript("sesSaved(" + jsString(saved.id()) + ")");
    }

    /** What a save of the requirements started, for its message: nothing without requirements. */
    private String environmentNews() {
        if (environment == null) {
            return "";
        }
        if (isEnvironmentBuilding()) {
            return " Its Python environment is being built: see Python environment.";
        }
        return "READY".equals(environment.status()) ? " Its Python environment is ready."
                : " Its Python environment failed to build: see Python environment.";
    }

    /** After a conflict: saves this page's values over the ones saved meanwhile, on purpose. */
    public void overwrite() {
        hideConflicts();
        read = EditConflictRow.theirsOver(ScriptDraft.fromJson(read), conflicts).toJson();
        conflicts = List.of();
        save();
    }

    /** After a conflict: drops this page's changes and shows the script as it is now. */
    public void reload() {
        hideConflicts();
        conflicts = List.of();
        load();
        Messages.info("Reloaded: the page shows the script as it is now; your changes were dropped.");
    }

    private static void hideConflicts() {
        PrimeFaces.current().executeScript("PF('conflictDialog').hide()");
    }

    public List<EditConflictRow> getConflicts() {
        return conflicts;
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
        return Json.PROVIDER.createValue(text).toString().replace("</", "<\\/");
    }

    /** A viewer reads the script but may not change it: every field and editor on the page is read-only. */
    public boolean isReadOnly() {
        return !currentUser.isEditor();
    }

    /** A Python editor; the label tells a screen reader which of the page's editors it is in. */
    public EditorOptions pythonOptions(String label) {
        return new EditorOptions().setLanguage(ELanguage.PYTHON).setFontSize(14).setTabSize(4).setAriaLabel(label)
                .setReadOnly(isReadOnly());
    }

    public EditorOptions textOptions(String label) {
        return new EditorOptions().setLanguage(ELanguage.PLAINTEXT).setFontSize(14).setAriaLabel(label)
                .setReadOnly(isReadOnly());
    }

    /** Looks up the environment of the script's requirements again (the page polls this while it builds). */
    public void refreshEnvironment() {
        environment = id == null ? null : environments.ofScript(id).orElse(null);
    }

    /** The environment of the script's requirements; null for a script without any. */
    public EnvironmentView getEnvironment() {
        return environment;
    }

    /** Whether pip is still at work on it (here, or on another node that has not recorded the outcome yet). */
    public boolean isEnvironmentBuilding() {
        return environment != null && (environment.building() || "BUILDING".equals(environment.status()));
    }

    /** What a file opened into an editor may weigh at most, as the server checks it on save. */
    public int getMaxCodeBytes() {
        return validator.maxCodeBytes();
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

    /**
     * What "expect a success at least every" could be for this schedule: two of its intervals (the gap between
     * its next two occurrences) and a minute; null for a manual schedule or one with no preview.
     */
    public String getSuggestedOverdue() {
        if (preview.size() < 2) {
            return null;
        }
        return java.time.Duration.between(preview.get(0), preview.get(1)).multipliedBy(2).plusMinutes(1).toString();
    }

    public List<Instant> getPreview() {
        return preview;
    }

    public String getPreviewProblem() {
        return previewProblem;
    }

    /** When the script's pause ends by itself, or null. */
    public Instant getPausedUntil() {
        return pausedUntil;
    }

    /** Why the server paused the script by itself, or null. */
    public String getPausedReason() {
        return pausedReason;
    }
}
