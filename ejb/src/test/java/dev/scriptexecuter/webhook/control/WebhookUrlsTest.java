package dev.scriptexecuter.webhook.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlsTest {

    @Test
    void aUrlIsShownWithoutThePathAndQueryThatMayHoldItsToken() {
        assertThat(WebhookUrls.redacted("https://hooks.example.org/services/T000/B000/XXXX?key=abc"))
                .isEqualTo("https://hooks.example.org/\u2026?\u2026");
        assertThat(WebhookUrls.redacted("http://192.0.2.1:8080/")).isEqualTo("http://192.0.2.1:8080");
        assertThat(WebhookUrls.redacted("http://192.0.2.1")).isEqualTo("http://192.0.2.1");
    }

    @Test
    void addressesInsideTheServersOwnNetworksAreNamedAsSuch() {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "192.168.0.7", "172.16.5.5", "169.254.169.254",
                "::1", "fd00::1", "0.0.0.0"}) {
            assertThat(WebhookUrls.internal(internal)).as(internal).isPresent();
        }
        assertThat(WebhookUrls.internal("192.0.2.1")).isEmpty();
        assertThat(WebhookUrls.internal("8.8.8.8")).isEmpty();
    }
}
