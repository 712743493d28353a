package dev.scriptexecuter.webhook.boundary;

import java.util.List;

/**
 * A webhook as submitted: an http(s) URL, the events to send (default:
 * failure, timeout, recovery) and a secret to sign them with (at least 16
 * characters; write-only): absent or null keeps the current one, "" removes it. {@code format}: "json"
 * (the default: the server's own signed JSON), "slack" or "teams" (a message those show).
 */
public record WebhookDraft(String url, List<String> events, String secret, String format) {
}
