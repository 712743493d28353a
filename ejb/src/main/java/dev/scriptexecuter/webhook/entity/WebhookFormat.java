package dev.scriptexecuter.webhook.entity;

/** The body a webhook sends; stored by name. */
public enum WebhookFormat {
    /** The server's own JSON summary of the run, signed when the webhook has a secret. */
    JSON,
    /** A message for a Slack incoming webhook: text, with blocks. */
    SLACK,
    /** A message for a Microsoft Teams workflow webhook: an Adaptive Card. */
    TEAMS
}
