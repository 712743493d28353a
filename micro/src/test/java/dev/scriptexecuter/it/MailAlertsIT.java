package dev.scriptexecuter.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static dev.scriptexecuter.it.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail alerts through a real SMTP server the test starts (GreenMail), where the shared server sends them as
 * the user it is configured with: a failed run's e-mail (subject, recipients, text and HTML with the error, the
 * log's last lines and a link), an incident's, and what is refused.
 */
class MailAlertsIT extends MicroIT {

    private GreenMail smtp;
    private Api api;

    @BeforeEach
    void startSmtp() {
        api = asAdmin();
        smtp = new GreenMail(new ServerSetup(SharedServer.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser(SharedServer.SMTP_USER, SharedServer.SMTP_PASSWORD);
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aFailedRunIsMailedWithItsErrorTheLogsLastLinesAndALink() throws Exception {
        String code = "def main(data):\n    for i in range(40):\n        print('line', i)\n"
                + "    print('<b>not bold</b>')\n    raise RuntimeError('the backup disk is full')\n";
        String script = api.createScript("{\"name\": %s, \"mainCode\": %s}".formatted(
                quote("mailed-" + UUID.randomUUID().toString().substring(0, 8)), quote(code)));
        String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String dev = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Answer set = api.put("api/scripts/" + script + "/email",
                "{\"to\": [%s, %s], \"events\": [\"failure\"]}".formatted(quote(ops), quote(dev)));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getJsonArray("to").getString(1)).isEqualTo(dev);

        String run = api.run(script, true);
        api.awaitFinished(run, Duration.ofMinutes(1));

        // one message to both: the SMTP server keeps a copy for each recipient, each addressed to both
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(ops).size() == 2);
        MimeMessage mail = mailsTo(ops).getFirst();
        assertThat(mail.getSubject()).startsWith("[ScriptExecuterServer] mailed-").endsWith(" failed");
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                .containsExactlyInAnyOrder(ops, dev);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("ses@example.test");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String text = GreenMailUtil.getBody(parts.getBodyPart(0));
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(text).contains("RuntimeError: the backup disk is full").contains("line 39")
                .contains("<b>not bold</b>").contains("http://dashboard.example.test/run.xhtml?id=" + run)
                .as("the last 20 lines, not the first").doesNotContain("line 5\n");
        assertThat(html).contains("&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>not bold</b>")
                .contains("href=\"http://dashboard.example.test/run.xhtml?id=" + run + "\"");

        // the e-mail is a delivery like a webhook's: recorded, with the SMTP server's answer
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery(script).getString("status").equals("DELIVERED"));
        JsonObject delivery = delivery(script);
        assertThat(delivery.getString("url")).isEqualTo("mailto:" + ops + "," + dev);
        assertThat(delivery.getString("runId")).isEqualTo(run);
        assertThat(delivery.getInt("lastStatus")).isEqualTo(250);
    }

    @Test
    void anOverdueScriptIsMailedOnceAndItsRecoveryOnce() {
        String script = api.createScript(("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\","
                + " \"policy\": {\"overdueAfter\": \"PT4S\"}}").formatted(quote("quiet-" + UUID.randomUUID())));
        String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        assertThat(api.put("api/scripts/" + script + "/email", "{\"to\": [%s], \"events\": [\"overdue\", \"resolved\"]}"
                .formatted(quote(ops))).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(ops).size() == 1);
        api.awaitFinished(api.run(script, true), Duration.ofMinutes(1));
        api.post("api/scripts/" + script + "/pause", ""); // at once: without another success it is overdue again in 4 s
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(ops).size() == 2);

        assertThat(mailsTo(ops).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).satisfiesExactly(
                subject -> assertThat(subject).endsWith(" is overdue"),
                subject -> assertThat(subject).endsWith(": its overdue incident is resolved"));
        api.post("api/scripts/" + script + "/pause", "");
    }

    @Test
    void badRecipientsAreRefusedNamingTheField() {
        String script = api.createScript("{\"name\": %s, \"mainCode\": \"def main(data):\\n    pass\\n\"}"
                .formatted(quote("refused-" + UUID.randomUUID())));
        assertField(api.put("api/scripts/" + script + "/email", "{\"to\": []}"), 400, "to");
        assertField(api.put("api/scripts/" + script + "/email", "{\"to\": [\"ops@example.test\", \"not an address\"]}"),
                400, "to[1]");
        assertField(api.put("api/scripts/" + script + "/email", "{\"to\": [\"Ops <ops@example.test>\"]}"), 400, "to[0]");
        assertField(api.put("api/scripts/" + script + "/email", "{\"to\": [\"ops@example.test\"], \"events\": [\"sms\"]}"),
                400, "events");
        assertThat(api.get("api/scripts/" + script + "/email").status()).as("nothing was saved").isEqualTo(404);
        assertThat(api.withNewUser("user").put("api/email", "{\"to\": [\"ops@example.test\"]}").status())
                .as("the default is an admin's").isEqualTo(403);
    }

    /** What the SMTP server got for one address (other classes' alerts may reach it too). */
    private java.util.List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private JsonObject delivery(String script) {
        Api.Answer answer = api.get("api/scripts/" + script + "/webhook/deliveries");
        return jakarta.json.Json.createReader(new java.io.StringReader(answer.body())).readArray().getJsonObject(0);
    }

    private static void assertField(Api.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().getString("field")).isEqualTo(field);
    }
}
