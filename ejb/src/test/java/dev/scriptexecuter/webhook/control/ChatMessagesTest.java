package dev.scriptexecuter.webhook.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessagesTest {

    private static final Map<String, String> FACTS = new LinkedHashMap<>(Map.of("Outcome", "FAILED"));

    @Test
    void slackGetsTextAndBlocksWithNothingItWouldReadAsALinkOrAMention() {
        JsonObject message = ChatMessages.slack(new ChatMessages.Notice("a<b> failed", FACTS, "Boom & <@U123>",
                "one\ntwo <!here>", "https://ses.example/run.xhtml?id=1", false));

        assertThat(message.getString("text")).isEqualTo("a<b> failed: Boom & <@U123>");
        String blocks = message.getJsonArray("blocks").toString();
        assertThat(blocks).contains(":red_circle: *a&lt;b&gt; failed*\\n<https://ses.example/run.xhtml?id=1|Open the run>")
                .contains("*Outcome*\\nFAILED").contains("Boom &amp; &lt;@U123&gt;").contains("two &lt;!here&gt;")
                .doesNotContain("<@U123>").doesNotContain("<!here>");
    }

    @Test
    void teamsGetsAnAdaptiveCardWithItsFactsAndALinkWhenThereIsOne() {
        JsonObject good = ChatMessages.teams(new ChatMessages.Notice("job succeeded again", FACTS, null, null,
                null, true));
        JsonObject card = good.getJsonArray("attachments").getJsonObject(0).getJsonObject("content");
        assertThat(card.getJsonArray("body").getJsonObject(0).getString("color")).isEqualTo("Good");
        assertThat(card.getJsonArray("body").getJsonObject(1).getJsonArray("facts").getJsonObject(0).getString("title"))
                .isEqualTo("Outcome");
        assertThat(card.containsKey("actions")).as("no address, no link").isFalse();
    }

    @Test
    void theLogsTailIsItsLastWholeLinesThatFit() {
        assertThat(ChatMessages.tail("first\nsecond\nthird", 12)).isEqualTo("second\nthird");
        assertThat(ChatMessages.tail("short\n" + "x".repeat(50), 10)).isEqualTo("…" + "x".repeat(9));
    }
}
