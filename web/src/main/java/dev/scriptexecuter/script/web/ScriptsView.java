package dev.scriptexecuter.script.web;

import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.script.boundary.ScheduleSpec;
import dev.scriptexecuter.script.boundary.ScriptDraft;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import dev.scriptexecuter.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scripts page: the list, a form that adds a script from pasted code or
 * uploaded {@code main.py} / {@code trigger.py}, and run and delete buttons.
 */
@Named
@ViewScoped
public class ScriptsView implements Serializable {

    private static final int PAGE = 500;
    private static final String FORBIDDEN = "Your role does not allow this action.";

    @Inject
    ScriptService scripts;

    @Inject
    RunService runs;

    private List<ScriptView> items;
    private long total;
    private final ScriptForm form = new ScriptForm();

    @PostConstruct
    public void init() {
        var page = scripts.list(0, PAGE);
        items = page.items();
        total = page.total();
    }

    public void create() {
        try {
            ScriptView created = scripts.create(form.draft());
            form.clear();
            init();
            Messages.info("Script '" + created.name() + "' saved.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
    }

    public void delete(ScriptView script) {
        try {
            scripts.delete(script.id());
            Messages.info("Script '" + script.name() + "' deleted.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
        init();
    }

    public void run(ScriptView script, boolean force) {
        try {
            runs.request(script.id(), force);
            Messages.info((force ? "Forced run" : "Run") + " of '" + script.name() + "' started.");
        } catch (RequestRejected e) {
            Messages.error(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.error(FORBIDDEN);
        }
        init();
    }

    public void refresh() {
        init();
    }

    /** The schedule in words, e.g. "every PT30S from 2026-12-01T08:00:00Z". */
    public String describe(ScheduleSpec schedule) {
        return switch (schedule.kind()) {
            case "interval" -> "every " + schedule.every() + " from " + schedule.startAt();
            case "cron" -> "cron " + schedule.cron() + " (" + schedule.timezone() + ")";
            default -> "manual";
        };
    }


    public List<ScriptView> getItems() {
        return items;
    }

    public long getTotal() {
        return total;
    }

    public ScriptForm getForm() {
        return form;
    }

    /** The fields of the add-script form. */
    public static class ScriptForm implements Serializable {

        private String name;
        private String description;
        private String mainCode;
        private String triggerCode;
        private String scheduleKind = "manual";
        private String every;
        private String cron;
        private String timezone;
        private transient UploadedFile mainFile;
        private transient UploadedFile triggerFile;

        ScriptDraft draft() {
            String main = uploaded(mainFile, mainCode);
            String trigger = uploaded(triggerFile, triggerCode);
            ScheduleSpec schedule = new ScheduleSpec(scheduleKind, every, null, cron, timezone);
            return new ScriptDraft(name, description, true, main, trigger, null, schedule, null);
        }

        private static String uploaded(UploadedFile file, String pasted) {
            if (file != null && file.getSize() > 0) {
                return new String(file.getContent(), StandardCharsets.UTF_8);
            }
            return pasted;
        }

        void clear() {
            name = description = mainCode = triggerCode = every = cron = timezone = null;
            scheduleKind = "manual";
            mainFile = triggerFile = null;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public String getMainCode() { return mainCode; }
        public void setMainCode(String mainCode) { this.mainCode = mainCode; }
        public String getTriggerCode() { return triggerCode; }
        public void setTriggerCode(String triggerCode) { this.triggerCode = triggerCode; }
        public String getScheduleKind() { return scheduleKind; }
        public void setScheduleKind(String scheduleKind) { this.scheduleKind = scheduleKind; }
        public String getEvery() { return every; }
        public void setEvery(String every) { this.every = every; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public String getTimezone() { return timezone; }
        public void setTimezone(String timezone) { this.timezone = timezone; }
        public UploadedFile getMainFile() { return mainFile; }
        public void setMainFile(UploadedFile mainFile) { this.mainFile = mainFile; }
        public UploadedFile getTriggerFile() { return triggerFile; }
        public void setTriggerFile(UploadedFile triggerFile) { this.triggerFile = triggerFile; }
    }
}
