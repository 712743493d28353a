package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.execution.entity.RunOutcome;
import dev.scriptexecuter.webhook.entity.WebhookEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEventsTest {

    @Test
    void failuresTimeoutsAndRecoveriesAreEventsAndOrdinaryEndsAreNot() {
        assertThat(WebhookEvent.of(RunOutcome.FAILED, null)).contains(WebhookEvent.FAILURE);
        assertThat(WebhookEvent.of(RunOutcome.INTERRUPTED, RunOutcome.SUCCEEDED)).contains(WebhookEvent.FAILURE);
        assertThat(WebhookEvent.of(RunOutcome.ENVIRONMENT_FAILED, null)).contains(WebhookEvent.FAILURE);
        assertThat(WebhookEvent.of(RunOutcome.TIMED_OUT, RunOutcome.TIMED_OUT)).contains(WebhookEvent.TIMEOUT);
        assertThat(WebhookEvent.of(RunOutcome.SUCCEEDED, RunOutcome.FAILED)).contains(WebhookEvent.RECOVERY);
        assertThat(WebhookEvent.of(RunOutcome.SUCCEEDED, RunOutcome.TIMED_OUT)).contains(WebhookEvent.RECOVERY);
        assertThat(WebhookEvent.of(RunOutcome.SUCCEEDED, RunOutcome.SUCCEEDED)).isEmpty();
        assertThat(WebhookEvent.of(RunOutcome.SUCCEEDED, null)).isEmpty();
        assertThat(WebhookEvent.of(RunOutcome.STOPPED, null)).isEmpty();
        assertThat(WebhookEvent.of(RunOutcome.SKIPPED, RunOutcome.FAILED)).isEmpty();
    }

    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        // against the value a receiver computes with Python's hmac module (as the README shows)
        assertThat(WebhookSigner.signature("key", "1700000000", "{\"a\":1}"))
                .isEqualTo("sha256=" + PythonHmac.of("key", "1700000000.{\"a\":1}"));
        assertThat(WebhookSigner.signature("key", "1700000001", "{\"a\":1}"))
                .as("another time signs differently").isNotEqualTo(WebhookSigner.signature("key", "1700000000", "{\"a\":1}"));
    }

    /** HMAC-SHA256 as a receiver written in Python computes it. */
    static final class PythonHmac {

        static String of(String key, String message) {
            try {
                Process python = new ProcessBuilder("python3", "-c", "import hashlib, hmac, sys; print(hmac.new("
                        + "sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())", key, message)
                        .redirectErrorStream(true).start();
                String out = new String(python.getInputStream().readAllBytes()).strip();
                if (python.waitFor() != 0) {
                    throw new IllegalStateException(out);
                }
                return out;
            } catch (Exception e) {
                throw new IllegalStateException("python3 computes the expected HMAC", e);
            }
        }
    }
}
