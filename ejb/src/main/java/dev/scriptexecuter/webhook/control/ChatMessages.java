package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's event as chat tools show it: a Slack incoming webhook's message
 * (text for notifications, blocks for the channel) and a Microsoft Teams
 * workflow webhook's message (an Adaptive Card). Both carry the same facts,
 * the error, the log's last lines and, where the server knows its public
 * address ({@code ses.public-url}), a link to the run's page.
 */
public final class ChatMessages {

    /** Slack shows at most 3,000 characters in a section's text (2,000 in a field). */
    private static final int SLACK_TEXT = 2900;
    private static final int SLACK_FIELD = 1900;

    private ChatMessages() {
    }

    /**
     * What a message says about a run.
     *
     * @param headline e.g. "nightly-report failed"
     * @param facts    label → value, in order (Outcome, Trigger, Started, ...)
     * @param error    the run's error, or null
     * @param logTail  the log's last lines, or null
     * @param runUrl   the run's page, or null when the server's public address is not set
     * @param good     whether it is good news (a recovery): the colour
     */
    public record Notice(String headline, Map<String, String> facts, String error, String logTail, String runUrl,
                         boolean good) {

        public Notice {
            facts = new LinkedHashMap<>(facts);
        }
    }

    public static JsonObject slack(Notice notice) {
        JsonArrayBuilder blocks = Json.PROVIDER.createArrayBuilder();
        String title = (notice.good() ? ":large_green_circle: *" : ":red_circle: *") + slackEscape(notice.headline())
                + "*" + (notice.runUrl() == null ? "" : "\n<" + notice.runUrl() + "|Open the run>");
        blocks.add(section(title));
        JsonArrayBuilder fields = Json.PROVIDER.createArrayBuilder();
        int count = 0;
        for (Map.Entry<String, String> fact : notice.facts().entrySet()) {
            if (count++ == 10) {
                break; // Slack takes at most ten fields in a section
            }
            fields.add(mrkdwn(cut("*" + slackEscape(fact.getKey()) + "*\n" + slackEscape(fact.getValue()), SLACK_FIELD)));
        }
        blocks.add(Json.PROVIDER.createObjectBuilder().add("type", "section").add("fields", fields));
        if (notice.error() != null) {
            blocks.add(section(cut("*Error*\n```" + slackEscape(notice.error()) + "```", SLACK_TEXT)));
        }
        if (notice.logTail() != null && !notice.logTail().isBlank()) {
            blocks.add(section(cut("*Last lines of the log*\n```" + slackEscape(tail(notice.logTail(), SLACK_TEXT - 40))
                    + "```", SLACK_TEXT)));
        }
        String text = notice.headline() + (notice.error() == null ? "" : ": " + firstLine(notice.error()));
        return Json.PROVIDER.createObjectBuilder().add("text", cut(text, SLACK_TEXT)).add("blocks", blocks).build();
    }

    public static JsonObject teams(Notice notice) {
        JsonArrayBuilder body = Json.PROVIDER.createArrayBuilder();
        body.add(text(notice.headline()).add("size", "Medium").add("weight", "Bolder")
                .add("color", notice.good() ? "Good" : "Attention"));
        JsonArrayBuilder facts = Json.PROVIDER.createArrayBuilder();
        notice.facts().forEach((label, value) -> facts.add(Json.PROVIDER.createObjectBuilder().add("title", label)
                .add("value", value)));
        body.add(Json.PROVIDER.createObjectBuilder().add("type", "FactSet").add("facts", facts));
        if (notice.error() != null) {
            body.add(text("Error").add("weight", "Bolder"));
            body.add(text(cut(notice.error(), 4000)).add("fontType", "Monospace"));
        }
        if (notice.logTail() != null && !notice.logTail().isBlank()) {
            body.add(text("Last lines of the log").add("weight", "Bolder"));
            body.add(text(tail(notice.logTail(), 4000)).add("fontType", "Monospace"));
        }
        JsonObjectBuilder card = Json.PROVIDER.createObjectBuilder()
                .add("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .add("type", "AdaptiveCard").add("version", "1.4").add("body", body);
        if (notice.runUrl() != null) {
            card.add("actions", Json.PROVIDER.createArrayBuilder().add(Json.PROVIDER.createObjectBuilder()
                    .add("type", "Action.OpenUrl").add("title", "Open the run").add("url", notice.runUrl())));
        }
        return Json.PROVIDER.createObjectBuilder().add("type", "message")
                .add("summary", cut(notice.headline(), 200))
                .add("attachments", Json.PROVIDER.createArrayBuilder().add(Json.PROVIDER.createObjectBuilder()
                        .add("contentType", "application/vnd.microsoft.card.adaptive").add("content", card)))
                .build();
    }

    /** The last lines of a log that fit in {@code max} characters, whole lines only (a longer last line: its end). */
    static String tail(String log, int max) {
        List<String> lines = new ArrayList<>(log.lines().toList());
        StringBuilder kept = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (kept.length() + line.length() + 1 > max) {
                if (kept.isEmpty()) {
                    return "…" + line.substring(line.length() - (max - 1));
                }
                break;
            }
            kept.insert(0, line + (kept.isEmpty() ? "" : "\n"));
        }
        return kept.toString();
    }

    private static JsonObjectBuilder section(String markdown) {
        return Json.PROVIDER.createObjectBuilder().add("type", "section").add("text", mrkdwn(markdown));
    }

    private static JsonObjectBuilder mrkdwn(String text) {
        return Json.PROVIDER.createObjectBuilder().add("type", "mrkdwn").add("text", text);
    }

    private static JsonObjectBuilder text(String text) {
        return Json.PROVIDER.createObjectBuilder().add("type", "TextBlock").add("text", text).add("wrap", true);
    }

    /** Slack's three control characters in text: a script's output cannot make a link or a mention. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
