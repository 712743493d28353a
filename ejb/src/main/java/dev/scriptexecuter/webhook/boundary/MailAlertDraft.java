package dev.scriptexecuter.webhook.boundary;

import java.util.List;

/**
 * E-mail alerts as submitted: the addresses to write to (1 to 20) and the
 * events (default: failure, timeout, recovery; also overdue, late, slow,
 * resolved).
 */
public record MailAlertDraft(List<String> to, List<String> events) {
}
