package dev.scriptexecuter.webhook.boundary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookFailureTest {

    @Test
    void aFailedDeliveryIsDescribedInWordsWithoutAClassName() {
        assertThat(WebhookDispatcher.failure(new SocketTimeoutException("Read timed out")))
                .isEqualTo("no answer in time: Read timed out");
        assertThat(WebhookDispatcher.failure(new ConnectException())).isEqualTo("the connection was refused");
        assertThat(WebhookDispatcher.failure(new UnknownHostException("hooks.example"))).isEqualTo(
                "the host name is not known: hooks.example");
        assertThat(WebhookDispatcher.failure(new IOException("java.lang.IllegalStateException: boom")))
                .isEqualTo("the connection failed");
        assertThat(WebhookDispatcher.failure(new IllegalArgumentException((String) null)))
                .isEqualTo("the request could not be sent");
    }
}
