package dev.scriptexecuter.it;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Failure webhooks against a receiver the test runs: signed summaries, a retry after a 500, recovery. */
class WebhooksIT extends MicroIT {

    private static final String SECRET = "webhook-secret-for-the-test";

    /** What the receiver got: headers (lower case) and body. */
    record Received(Map<String, String> headers, String body) {

        JsonObject json() {
            return jakarta.json.Json.createReader(new StringReader(body)).readObject();
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private HttpServer receiver;
    private Api admin;

    @BeforeEach
    void startReceiver() throws Exception {
        admin = asAdmin();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            received.add(new Received(headers, body));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** A script that fails every run, reporting to {@code url}. */
    private String failingScript(String name, String url) {
        String id = admin.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(quote(name),
                quote("def main(data):\n    raise ValueError('broken on purpose')\n")));
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s}".formatted(quote(url))).status())
                .isEqualTo(200);
        return id;
    }

    /**
     * The slow receiver holds its request until the fast one has had its
     * delivery, or 8 s (less than the server's 10 s webhook timeout): with
     * one sender the fast delivery would wait behind the slow one the whole
     * time.
     */
    @Test
    void aSlowReceiverHoldsUpNoDeliveryButItsOwn() throws Exception {
        CountDownLatch slowReached = new CountDownLatch(1);
        CountDownLatch fastReached = new CountDownLatch(1);
        CountDownLatch slowAnswered = new CountDownLatch(1);
        AtomicBoolean fastWhileSlowHeld = new AtomicBoolean();
        HttpServer receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receivers.setExecutor(Executors.newCachedThreadPool());
        receivers.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            slowReached.countDown();
            try {
                fastWhileSlowHeld.set(fastReached.await(8, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            slowAnswered.countDown();
        });
        receivers.createContext("/fast", exchange -> {
            exchange.getRequestBody().readAllBytes();
            fastReached.countDown();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receivers.start();
        try {
            String at = "http://127.0.0.1:" + receivers.getAddress().getPort();
            String slow = failingScript("reports-slowly", at + "/slow");
            String fast = failingScript("reports-quickly", at + "/fast");

            admin.awaitFinished(admin.run(slow, true), Duration.ofSeconds(60));
            assertThat(slowReached.await(30, TimeUnit.SECONDS)).as("the slow receiver got its delivery").isTrue();
            admin.awaitFinished(admin.run(fast, true), Duration.ofSeconds(60));

            assertThat(slowAnswered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fastWhileSlowHeld).as("the fast receiver had its delivery while the slow one held its own")
                    .isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(fast))
                    .extracting(d -> d.getString("status")).containsExactly("DELIVERED"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(slow))
                    .extracting(d -> d.getString("status")).containsExactly("DELIVERED"));
        } finally {
            receivers.stop(0);
        }
    }

    @Test
    void aFailedRunIsReportedSignedAndTriedAgainAfterA500ThenItsRecoveryIsReported() throws Exception {
        String id = admin.createScript("{\"name\": \"hooked\", \"mainCode\": %s}".formatted(quote(
                "def main(data):\n    raise ValueError('broken on purpose')\n")));
        Api.Answer set = admin.put("api/scripts/" + id + "/webhook",
                "{\"url\": %s, \"secret\": %s}".formatted(quote(hook()), quote(SECRET)));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().getBoolean("signed")).isTrue();
        assertThat(set.body()).doesNotContain(SECRET);
        answers.add(500);

        String runId = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60)).getString("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 2);
        Received first = received.get(0);
        Received retry = received.get(1);
        assertThat(retry.body()).as("the same summary again").isEqualTo(first.body());
        assertThat(retry.headers().get("x-ses-delivery")).isEqualTo(first.headers().get("x-ses-delivery"));
        JsonObject summary = retry.json();
        assertThat(summary.getString("event")).isEqualTo("failure");
        assertThat(summary.getString("runId")).isEqualTo(runId);
        assertThat(summary.getString("scriptName")).isEqualTo("hooked");
        assertThat(summary.getString("outcome")).isEqualTo("FAILED");
        assertThat(summary.getString("error")).contains("broken on purpose");
        assertThat(retry.headers().get("x-ses-event")).isEqualTo("failure");
        assertThat(retry.headers().get("x-ses-signature"))
                .isEqualTo(hmac(retry.headers().get("x-ses-timestamp") + "." + retry.body()));

        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveries(id).getFirst().getString("status")));
        JsonObject delivery = deliveries(id).getFirst();
        assertThat(delivery.getInt("attempts")).isEqualTo(2);
        assertThat(delivery.getInt("lastStatus")).isEqualTo(204);
        assertThat(delivery.getString("runId")).isEqualTo(runId);

        admin.patch("api/scripts/" + id, "{\"mainCode\": %s}".formatted(quote("def main(data):\n    pass\n")));
        admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        assertThat(received.get(2).json().getString("event")).isEqualTo("recovery");
        admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        // a delivery is written in the transaction that ends its run: none here means none will come
        assertThat(deliveries(id)).as("a second success is no news").extracting(d -> d.getString("event"))
                .containsExactly("recovery", "failure");

        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s}".formatted(quote(hook()))).json()
                .getBoolean("signed")).as("no secret in a change keeps the secret").isTrue();
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s, \"secret\": \"\"}".formatted(quote(hook())))
                .json().getBoolean("signed")).as("an empty secret removes it").isFalse();
    }

    @Test
    void scriptsWithoutAWebhookOfTheirOwnUseTheGlobalOneForTimeouts() {
        assertThat(admin.put("api/webhook", "{\"url\": %s, \"events\": [\"timeout\"]}".formatted(quote(hook())))
                .status()).isEqualTo(200);
        String slow = admin.createScript("{\"name\": \"too-slow\", \"mainCode\": %s, \"policy\": {\"timeout\": \"PT1S\"}}"
                .formatted(quote("import time\ndef main(data):\n    time.sleep(30)\n")));
        String failing = admin.createScript("{\"name\": \"failing-quietly\", \"mainCode\": %s}".formatted(quote(
                "def main(data):\n    raise ValueError('not subscribed')\n")));

        assertThat(admin.awaitFinished(admin.run(failing, true), Duration.ofSeconds(60)).getString("outcome"))
                .isEqualTo("FAILED");
        assertThat(admin.awaitFinished(admin.run(slow, true), Duration.ofSeconds(60)).getString("outcome"))
                .isEqualTo("TIMED_OUT");
        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
        assertThat(received).singleElement().satisfies(unsigned -> {
            assertThat(unsigned.json().getString("event")).isEqualTo("timeout");
            assertThat(unsigned.json().getString("scriptId")).isEqualTo(slow);
            assertThat(unsigned.headers()).doesNotContainKey("x-ses-signature");
        });
        assertThat(deliveries(failing)).as("the global webhook wants timeouts only").isEmpty();
        assertThat(admin.delete("api/webhook").status()).isEqualTo(204);
        assertThat(admin.get("api/webhook").status()).isEqualTo(404);
    }

    @Test
    void slackAndTeamsGetAMessageTheyShowWithTheErrorTheLogsLastLinesAndALink() {
        String code = "def main(data):\n    for i in range(30):\n        print('step', i)\n"
                + "    print('<!channel> <https://evil.example|click>')\n    raise ValueError('the disk is full')\n";
        String slack = admin.createScript("{\"name\": \"chatty-slack\", \"mainCode\": %s}".formatted(quote(code)));
        String teams = admin.createScript("{\"name\": \"chatty-teams\", \"mainCode\": %s}".formatted(quote(code)));
        assertThat(admin.put("api/scripts/" + slack + "/webhook", "{\"url\": %s, \"format\": \"slack\"}"
                .formatted(quote(hook()))).json().getString("format")).isEqualTo("slack");
        assertThat(admin.put("api/scripts/" + teams + "/webhook", "{\"url\": %s, \"format\": \"Teams\"}"
                .formatted(quote(hook()))).json().getString("format")).isEqualTo("teams");
        String slackRun = admin.run(slack, true);
        String teamsRun = admin.run(teams, true);
        admin.awaitFinished(slackRun, Duration.ofSeconds(60));
        admin.awaitFinished(teamsRun, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 2);
        JsonObject slackMessage = received.stream().map(Received::json).filter(m -> m.containsKey("blocks"))
                .findFirst().orElseThrow();
        assertThat(slackMessage.getString("text")).isEqualTo("chatty-slack failed: ValueError: the disk is full");
        String blocks = slackMessage.getJsonArray("blocks").toString();
        assertThat(blocks).contains("*chatty-slack failed*")
                .contains("<http://dashboard.example.test/run.xhtml?id=" + slackRun + "|Open the run>")
                .contains("*Outcome*\\nFAILED").contains("ValueError: the disk is full").contains("step 29")
                .as("the script's output makes no mention and no link").contains("&lt;!channel&gt; &lt;https://evil.example|click&gt;")
                .doesNotContain("<!channel>");

        JsonObject teamsMessage = received.stream().map(Received::json).filter(m -> m.containsKey("attachments"))
                .findFirst().orElseThrow();
        assertThat(teamsMessage.getString("type")).isEqualTo("message");
        JsonObject attachment = teamsMessage.getJsonArray("attachments").getJsonObject(0);
        assertThat(attachment.getString("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonObject card = attachment.getJsonObject("content");
        assertThat(card.getString("type")).isEqualTo("AdaptiveCard");
        assertThat(card.getJsonArray("body").getJsonObject(0).getString("text")).isEqualTo("chatty-teams failed");
        assertThat(card.getJsonArray("body").toString()).contains("\"title\":\"Outcome\",\"value\":\"FAILED\"")
                .contains("step 29").contains("ValueError: the disk is full");
        assertThat(card.getJsonArray("actions").getJsonObject(0).getString("url"))
                .isEqualTo("http://dashboard.example.test/run.xhtml?id=" + teamsRun);

        assertThat(admin.put("api/scripts/" + slack + "/webhook", "{\"url\": %s, \"format\": \"discord\"}"
                .formatted(quote(hook()))).json().getString("field")).isEqualTo("format");
    }

    @Test
    void retentionKeepsARunWhoseDeliveryIsStillPending() {
        for (int i = 0; i < 20; i++) {
            answers.add(503);
        }
        String id = admin.createScript("{\"name\": \"hooked-kept\", \"mainCode\": %s, \"policy\": {\"keepRuns\": 1}}"
                .formatted(quote("def main(data):\n    raise ValueError('again')\n")));
        admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s}".formatted(quote(hook())));
        String first = admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60)).getString("id");
        admin.awaitFinished(admin.run(id, true), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);

        assertThat(admin.post("api/retention/purge", "").status()).isEqualTo(200);
        assertThat(admin.get("api/runs/" + first).status()).as("its failure is not told yet").isEqualTo(200);
        assertThat(deliveries(id)).extracting(d -> d.getString("status")).containsOnly("PENDING");
    }

    @Test
    void badWebhooksAreRefused() {
        String id = admin.createScript("{\"name\": \"hook-refused\", \"mainCode\": %s}".formatted(quote(
                "def main(data):\n    pass\n")));
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": \"ftp://example.org/x\"}").status()).isEqualTo(400);
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": \"not a url\"}").status()).isEqualTo(400);
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s, \"events\": [\"everything\"]}"
                .formatted(quote(hook()))).status()).isEqualTo(400);
        assertThat(admin.put("api/scripts/" + id + "/webhook", "{\"url\": %s, \"secret\": \"short\"}"
                .formatted(quote(hook()))).status()).isEqualTo(400);
        assertThat(admin.get("api/scripts/" + id + "/webhook").status()).isEqualTo(404);
        Api user = admin.withNewUser("user");
        assertThat(user.put("api/webhook", "{\"url\": %s}".formatted(quote(hook()))).status()).isEqualTo(403);
        Api.Answer internal = user.put("api/scripts/" + id + "/webhook", "{\"url\": %s}".formatted(quote(hook())));
        assertThat(internal.status()).as("the server's own networks are an admin's decision").isEqualTo(403);
        assertThat(internal.json().getString("detail")).contains("127.0.0.1");
        assertThat(user.put("api/scripts/" + id + "/webhook", "{\"url\": \"https://192.0.2.1/hooks/T0K3N?key=abc\"}")
                .json().getString("url")).as("an editor sees the whole URL").isEqualTo("https://192.0.2.1/hooks/T0K3N?key=abc");
        String seenByViewer = admin.withNewUser("viewer").get("api/scripts/" + id + "/webhook").json().getString("url");
        assertThat(seenByViewer).isEqualTo("https://192.0.2.1/\u2026?\u2026");
        assertThat(admin.get("api/audit?target=" + id).body()).doesNotContain("T0K3N");
    }

    private List<JsonObject> deliveries(String scriptId) {
        Api.Answer answer = admin.get("api/scripts/" + scriptId + "/webhook/deliveries");
        assertThat(answer.status()).isEqualTo(200);
        return jakarta.json.Json.createReader(new StringReader(answer.body())).readArray().stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
