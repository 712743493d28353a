package dev.scriptexecuter.execution.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunExportTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** Runs newest first, two of them queued at the same instant for each second: the cursor must break ties. */
    private static List<RunView> history(int count) {
        List<RunView> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(run(String.format("run-%05d", i), T0.plusSeconds(i / 2), "SUCCEEDED", null,
                    new RunUsage(new RunUsage.Figures(0.25, 0.01, 12_345_678L), null)));
        }
        runs.sort(Comparator.comparing(RunView::queuedAt).thenComparing(RunView::id).reversed());
        return runs;
    }

    static RunView run(String id, Instant queuedAt, String outcome, String error, RunUsage usage) {
        return new RunView(id, "script-1", "nightly", "SCHEDULED", "FINISHED", outcome, queuedAt, queuedAt,
                queuedAt.plusMillis(5), queuedAt.plusMillis(1005), 1000L, 0, "node-a", error, null, null, null, 1,
                null, null, "spawn", 3, null, usage, null, null, null, null, null);
    }

    /** A run service that pages through a list as the database would: after the cursor, newest first. */
    private static RunService pagesOf(List<RunView> runs, List<Integer> asked) {
        return new RunService() {
            @Override
            public List<RunView> exportPage(RunQuery query, Instant until, RunCursor after, int limit) {
                asked.add(limit);
                return runs.stream().filter(run -> after == null || run.queuedAt().isBefore(after.queuedAt())
                                || run.queuedAt().equals(after.queuedAt()) && run.id().compareTo(after.runId()) < 0)
                        .limit(limit).toList();
            }
        };
    }

    private static String written(RunExport export) throws Exception {
        StringWriter out = new StringWriter();
        export.write(out);
        return out.toString();
    }

    @Test
    void aLongHistoryIsWrittenPageByPageEveryRunOnceInOrder() throws Exception {
        List<RunView> runs = history(1203);
        List<Integer> asked = new ArrayList<>();
        String csv = written(new RunExport(RunExport.Format.CSV, RunQuery.of(null), null, runs.size(),
                pagesOf(runs, asked), T0));
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.getFirst()).startsWith("id,script_id,script_name,trigger,status,outcome,");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(',')))
                .isEqualTo(runs.stream().map(RunView::id).toList());
        assertThat(asked).as("pages of at most 500, the last one only as large as what is left")
                .containsExactly(500, 500, 203);
        assertThat(lines.get(1)).contains(",0.25,0.01,12345678,,,,");
    }

    @Test
    void runsAddedAfterTheCountAreNotWritten() throws Exception {
        List<RunView> runs = history(10);
        String csv = written(new RunExport(RunExport.Format.CSV, RunQuery.of(null), null, 4,
                pagesOf(runs, new ArrayList<>()), T0));
        assertThat(csv.split("\r\n")).hasSize(5);
    }

    @Test
    void jsonIsOneArrayOfTheRunsAsTheApiShowsThem() throws Exception {
        List<RunView> runs = history(3);
        RunExport export = new RunExport(RunExport.Format.JSON, RunQuery.of(null), null, 3,
                pagesOf(runs, new ArrayList<>()), T0);
        JsonArray array = Json.createReader(new StringReader(written(export))).readArray();
        assertThat(array).hasSize(3);
        assertThat(array.getJsonObject(0).getString("id")).isEqualTo(runs.getFirst().id());
        assertThat(array.getJsonObject(0).getJsonObject("usage").getJsonObject("process")
                .getJsonNumber("peakMemoryBytes").longValue()).isEqualTo(12_345_678L);
        assertThat(export.fileName()).isEqualTo("runs-20261207-100000.json");
        assertThat(export.contentType()).startsWith("application/json");
        assertThat(Json.createReader(new StringReader(written(new RunExport(RunExport.Format.JSON,
                RunQuery.of(null), null, 0, pagesOf(List.of(), new ArrayList<>()), T0)))).readArray()).isEmpty();
    }

    @Test
    void cellsAreQuotedWhereCsvNeedsItAndFormulasStayText() {
        assertThat(RunExport.cell(null)).isEmpty();
        assertThat(RunExport.cell("plain")).isEqualTo("plain");
        assertThat(RunExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(RunExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RunExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RunExport.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(RunExport.cell("+49 30")).isEqualTo("'+49 30");
        assertThat(RunExport.cell("-rf")).isEqualTo("'-rf");
        assertThat(RunExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RunExport.cell("=HYPERLINK(\"x\",1)")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",1)\"");
        assertThat(RunExport.cell(-1L)).as("numbers are numbers").isEqualTo("-1");
        assertThat(RunExport.cell(0.5)).isEqualTo("0.5");
        assertThat(RunExport.csvRow(run("r1", T0, "FAILED", "Traceback, line 3", null)))
                .startsWith("r1,script-1,nightly,SCHEDULED,FINISHED,FAILED,2026-12-07T10:00:00Z,")
                .endsWith(",,,,,,,\"Traceback, line 3\"\r\n");
    }

    @Test
    void aFormatItDoesNotKnowIsRefusedNamingTheField() {
        assertThat(RunExport.Format.parse(null)).isEqualTo(RunExport.Format.CSV);
        assertThat(RunExport.Format.parse(" JSON ")).isEqualTo(RunExport.Format.JSON);
        assertThatThrownBy(() -> RunExport.Format.parse("xlsx")).hasMessageContaining("csv or json")
                .satisfies(e -> assertThat(((dev.scriptexecuter.infrastructure.RequestRejected) e).details())
                        .containsEntry("field", "format"));
    }
}
