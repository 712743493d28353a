package dev.scriptexecuter.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

class InternalFailureTest {

    @Test
    void theRunsErrorSaysWhatFailedAndTheLogsIdButNotTheException() {
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        List<LogRecord> records = new ArrayList<>();
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        var cause = new IllegalStateException(new SQLSyntaxErrorException("Access denied for user 'x'"));

        String error = InternalFailure.logged(log, "The server could not start the run", "run-1", cause);

        assertThat(error).startsWith("The server could not start the run; the server's log names this error ")
                .doesNotContain("Exception", "java.", "Access denied");
        String id = error.substring(error.lastIndexOf(' ') + 1, error.length() - 1);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getThrown()).isSameAs(cause);
            assertThat(record.getMessage()).contains("run-1", id);
        });
    }
}
