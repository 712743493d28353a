package dev.scriptexecuter.script.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptVersionService;
import dev.scriptexecuter.script.boundary.ScriptVersionView;
import dev.scriptexecuter.web.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.extensions.model.monaco.MonacoDiffEditorModel;
import org.primefaces.extensions.model.monacoeditor.DiffEditorOptions;
import org.primefaces.extensions.model.monacoeditor.ELanguage;

import java.io.Serializable;
import java.util.List;

/**
 * A script's version history: its versions newest first, one of them compared
 * side by side with another (by default the one before it), file by file, and
 * a rollback to it for those who may edit.
 */
@Named
@ViewScoped
public class ScriptHistoryView implements Serializable {

    /** The files of a version, as the page offers them. */
    public enum CodeFile { MAIN, TRIGGER, REQUIREMENTS }

    @Inject
    ScriptVersionService versions;

    @Inject
    ScriptService scripts;

    private String id;
    private String name;
    private List<ScriptVersionView> items = List.of();
    private int selected;
    private int against;
    private CodeFile file = CodeFile.MAIN;
    private ScriptVersionView shown;
    private ScriptVersionView base;
    private String summary;

    /** Called by the page's view action after the id parameter is set. */
    public void load() {
        try {
            name = scripts.find(id).name();
            items = versions.list(id);
            if (selected == 0 && !items.isEmpty()) {
                select(items.get(0).number());
            } else {
                compare();
            }
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
            items = List.of();
        }
    }

    /** Shows a version against the one before it. */
    public void select(int number) {
        selected = number;
        against = number - 1;
        compare();
    }

    public void compare() {
        shown = versions.find(id, selected);
        base = against == 0 ? null : versions.find(id, against);
        summary = DiffSummary.of(versions.diff(id, selected, against).diff());
    }

    public void rollback(int number) {
        if (Messages.attempt(() -> versions.rollback(id, number, null),
                () -> "Version " + number + "'s code is now the script's newest version.")) {
            selected = 0;
            load();
        }
    }

    public MonacoDiffEditorModel getDiff() {
        return new MonacoDiffEditorModel(text(base), text(shown));
    }

    private String text(ScriptVersionView version) {
        if (version == null) {
            return "";
        }
        String text = switch (file) {
            case MAIN -> version.mainCode();
            case TRIGGER -> version.triggerCode();
            case REQUIREMENTS -> version.requirements();
        };
        return text == null ? "" : text;
    }

    public DiffEditorOptions getOptions() {
        return new DiffEditorOptions().setReadOnly(true).setRenderSideBySide(true).setFontSize(14);
    }

    public String getLanguage() {
        return (file == CodeFile.REQUIREMENTS ? ELanguage.PLAINTEXT : ELanguage.PYTHON).toString();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public List<ScriptVersionView> getItems() {
        return items;
    }

    public int getSelected() {
        return selected;
    }

    public int getAgainst() {
        return against;
    }

    public void setAgainst(int against) {
        this.against = against;
    }

    public CodeFile getFile() {
        return file;
    }

    public void setFile(CodeFile file) {
        this.file = file;
    }

    public CodeFile[] getFiles() {
        return CodeFile.values();
    }

    public String getSummary() {
        return summary;
    }
}
