package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.infrastructure.Json;

import java.util.Map;

/**
 * An event's e-mail, written when the event happens and kept with its
 * delivery: {@code {"subject", "text", "html"}}, the same facts, error, last
 * lines of the log and link as the chat messages; every value in the HTML
 * escaped.
 */
public final class MailBodies {

    /** How many of the log's last lines an e-mail shows. */
    static final int LOG_LINES = 20;

    private MailBodies() {
    }

    public static String of(ChatMessages.Notice notice) {
        StringBuilder text = new StringBuilder(notice.headline()).append("\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2 style=\"color:").append(notice.good() ? "#166534" : "#b91c1c").append("\">")
                .append(escape(notice.headline())).append("</h2><table>");
        for (Map.Entry<String, String> fact : notice.facts().entrySet()) {
            text.append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
            html.append("<tr><th style=\"text-align:left;padding-right:1em\">").append(escape(fact.getKey()))
                    .append("</th><td>").append(escape(fact.getValue())).append("</td></tr>");
        }
        html.append("</table>");
        if (notice.error() != null) {
            text.append("\nError:\n").append(notice.error()).append('\n');
            html.append("<h3>Error</h3><pre>").append(escape(notice.error())).append("</pre>");
        }
        if (notice.logTail() != null && !notice.logTail().isBlank()) {
            String tail = lastLines(notice.logTail(), LOG_LINES);
            text.append("\nLast lines of the log:\n").append(tail).append('\n');
            html.append("<h3>Last lines of the log</h3><pre style=\"background:#111827;color:#e5e7eb;padding:.5em\">")
                    .append(escape(tail)).append("</pre>");
        }
        if (notice.runUrl() != null) {
            text.append("\nOpen it: ").append(notice.runUrl()).append('\n');
            html.append("<p><a href=\"").append(escape(notice.runUrl())).append("\">Open it in the dashboard</a></p>");
        }
        html.append("</body></html>");
        return Json.PROVIDER.createObjectBuilder().add("subject", "[ScriptExecuterServer] " + firstLine(notice.headline()))
                .add("text", text.toString()).add("html", html.toString()).build().toString();
    }

    static String lastLines(String log, int count) {
        var lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
