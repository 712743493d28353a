package dev.scriptexecuter.webhook.control;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The send-time check of a webhook's address, with a stubbed resolver standing for a DNS server that
 * answers differently now than when the webhook was saved (DNS rebinding): a host that now resolves
 * inside the server's networks gets nothing, and a delivery that may go there reaches the address
 * that was checked, without the host being resolved again.
 */
class PinnedPostTest {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> resolved = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-SES-Event") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
    }

    private PinnedPost resolvingTo(String... addresses) {
        return new PinnedPost(host -> {
            resolved.add(host);
            InetAddress[] answer = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                answer[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses[i]).getAddress());
            }
            return answer;
        }, Duration.ofSeconds(5));
    }

    private URI hook() {
        return URI.create("http://hooks.example.org:" + receiver.getAddress().getPort() + "/ses?token=t");
    }

    @Test
    void aHostThatNowResolvesInsideTheServersNetworksGetsNothing() {
        PinnedPost cut = resolvingTo("127.0.0.1");

        assertThatThrownBy(() -> cut.send(hook(), Map.of("X-SES-Event", "failure"), "{}", false))
                .isInstanceOf(PinnedPost.Refused.class)
                .hasMessageContaining("hooks.example.org is 127.0.0.1")
                .hasMessageContaining("inside the server's own networks");
        assertThat(received).isEmpty();
    }

    @Test
    void everyAddressIsCheckedNotOnlyTheFirst() {
        PinnedPost cut = resolvingTo("192.0.2.10", "169.254.169.254");

        assertThatThrownBy(() -> cut.send(hook(), Map.of(), "{}", false))
                .isInstanceOf(PinnedPost.Refused.class).hasMessageContaining("169.254.169.254");
        assertThat(received).isEmpty();
    }

    @Test
    void theDeliveryGoesToTheCheckedAddressWithoutResolvingAgain() throws IOException {
        PinnedPost cut = resolvingTo("127.0.0.1");

        int status = cut.send(hook(), Map.of("X-SES-Event", "failure"), "{\"runId\":\"r1\"}", true);

        assertThat(status).isEqualTo(204);
        assertThat(resolved).as("resolved once, by the checked resolver").containsExactly("hooks.example.org");
        assertThat(received).containsExactly("hooks.example.org:" + receiver.getAddress().getPort()
                + " /ses?token=t failure {\"runId\":\"r1\"}");
    }

    @Test
    void aUrlWithoutHttpOrAHostIsRefused() {
        PinnedPost cut = resolvingTo("192.0.2.10");

        assertThatThrownBy(() -> cut.send(URI.create("file:///etc/passwd"), Map.of(), "{}", true))
                .isInstanceOf(PinnedPost.Refused.class).hasMessageContaining("http(s)");
        assertThat(resolved).isEmpty();
    }
}
