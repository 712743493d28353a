package dev.scriptexecuter.execution.boundary;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.StrictJsonb;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A run history as a file: the runs a {@link RunQuery} selects (queued before
 * {@code until}, if given), newest first, as CSV (one row per run with its
 * times, outcome and resource figures; for spreadsheets) or JSON (each run as
 * the API shows it). Written a page at a time, so an export of many runs
 * holds one page in memory; {@link RunService#export} checks its size first.
 */
public final class RunExport {

    static final int PAGE = 500;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** What a file holds; {@code csv} is the default. */
    public enum Format {
        CSV("text/csv;charset=utf-8"), JSON("application/json;charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public static Format parse(String text) {
            if (text == null || text.isBlank()) {
                return CSV;
            }
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(text.strip())) {
                    return format;
                }
            }
            throw RequestRejected.invalid("\"format\" is csv or json; it is '" + text + "'.").with("field", "format");
        }
    }

    /** The CSV columns, each with how a run gives its value. */
    private static final List<Column> COLUMNS = List.of(
            new Column("id", RunView::id),
            new Column("script_id", RunView::scriptId),
            new Column("script_name", RunView::scriptName),
            new Column("trigger", RunView::trigger),
            new Column("status", RunView::status),
            new Column("outcome", RunView::outcome),
            new Column("scheduled_for", RunView::scheduledFor),
            new Column("queued_at", RunView::queuedAt),
            new Column("started_at", RunView::startedAt),
            new Column("finished_at", RunView::finishedAt),
            new Column("duration_ms", RunView::durationMillis),
            new Column("exit_code", RunView::exitCode),
            new Column("node", RunView::nodeName),
            new Column("attempt", RunView::attempt),
            new Column("retry_of", RunView::retryOf),
            new Column("process_mode", RunView::processMode),
            new Column("script_version", RunView::scriptVersion),
            new Column("requested_by", RunView::requestedBy),
            new Column("cpu_user_s", run -> figure(run, false, RunUsage.Figures::cpuUserSeconds)),
            new Column("cpu_system_s", run -> figure(run, false, RunUsage.Figures::cpuSystemSeconds)),
            new Column("peak_memory_bytes", run -> figure(run, false, RunUsage.Figures::peakMemoryBytes)),
            new Column("cgroup_cpu_user_s", run -> figure(run, true, RunUsage.Figures::cpuUserSeconds)),
            new Column("cgroup_cpu_system_s", run -> figure(run, true, RunUsage.Figures::cpuSystemSeconds)),
            new Column("cgroup_peak_memory_bytes", run -> figure(run, true, RunUsage.Figures::peakMemoryBytes)),
            new Column("error", RunView::error));

    private record Column(String name, Function<RunView, Object> value) {
    }

    private final Format format;
    private final RunQuery query;
    private final Instant until;
    private final long count;
    private final RunService pages;
    private final Instant madeAt;

    RunExport(Format format, RunQuery query, Instant until, long count, RunService pages, Instant madeAt) {
        this.format = format;
        this.query = query;
        this.until = until;
        this.count = count;
        this.pages = pages;
        this.madeAt = madeAt;
    }

    /** How many runs it holds (counted as it was asked for; runs finishing meanwhile are in it as they are then). */
    public long count() {
        return count;
    }

    public String contentType() {
        return format.contentType;
    }

    /** {@code runs-<UTC time>.csv}, or {@code .json}. */
    public String fileName() {
        return "runs-" + FILE_TIME.format(madeAt) + "." + format.name().toLowerCase(Locale.ROOT);
    }

    public void write(Writer out) throws IOException {
        if (format == Format.CSV) {
            out.write(String.join(",", COLUMNS.stream().map(Column::name).toList()));
            out.write("\r\n");
        } else {
            out.write("[");
        }
        boolean first = true;
        RunCursor after = null;
        long written = 0;
        while (written < count) {
            List<RunView> page = pages.exportPage(query, until, after, (int) Math.min(PAGE, count - written));
            for (RunView run : page) {
                if (format == Format.CSV) {
                    out.write(csvRow(run));
                } else {
                    out.write(first ? "\n" : ",\n");
                    out.write(StrictJsonb.get().toJson(run));
                }
                first = false;
            }
            written += page.size();
            if (page.size() < PAGE || written >= count) {
                break;
            }
            RunView last = page.getLast();
            after = new RunCursor(last.queuedAt(), last.id());
        }
        if (format == Format.JSON) {
            out.write(first ? "]\n" : "\n]\n");
        }
        out.flush();
    }

    static String csvRow(RunView run) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (Column column : COLUMNS) {
            cells.add(cell(column.value().apply(run)));
        }
        return String.join(",", cells) + "\r\n";
    }

    /**
     * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line
     * break. Text a spreadsheet would take for a formula (starting with
     * =, +, -, @, a tab or a carriage return: a script's name or error is
     * anyone's text) starts with an apostrophe, so it stays text.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static Object figure(RunView run, boolean cgroup, Function<RunUsage.Figures, Object> value) {
        RunUsage usage = run.usage();
        RunUsage.Figures figures = usage == null ? null : cgroup ? usage.cgroup() : usage.process();
        return figures == null ? null : value.apply(figures);
    }
}
