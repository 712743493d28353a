package dev.scriptexecuter.webhook.control;

import dev.scriptexecuter.infrastructure.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends an alert's e-mail through the SMTP server the settings name
 * ({@code ses.mail.*}): STARTTLS (the default), TLS from the start, or none;
 * with a user and password when they are set. The body is plain text and
 * HTML, as {@link MailBodies} wrote it when the event happened.
 */
@ApplicationScoped
public class Mailer {

    @Inject
    @ConfigProperty(name = "ses.mail.host")
    Optional<String> host = Optional.empty();

    @Inject
    @ConfigProperty(name = "ses.mail.port")
    Optional<Integer> port = Optional.empty();

    /** starttls, tls or none. */
    @Inject
    @ConfigProperty(name = "ses.mail.security", defaultValue = "starttls")
    String security;

    @Inject
    @ConfigProperty(name = "ses.mail.user")
    Optional<String> user = Optional.empty();

    /** A secret: from the environment (SES_MAIL_PASSWORD) or a secrets file, never shown or logged. */
    @Inject
    @ConfigProperty(name = "ses.mail.password")
    Optional<String> password = Optional.empty();

    @Inject
    @ConfigProperty(name = "ses.mail.from", defaultValue = "ScriptExecuterServer <ses@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "ses.mail.timeout", defaultValue = "PT10S")
    Duration timeout;

    /** Whether an SMTP server is set. */
    public boolean configured() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    /** An address as the API takes it: a mailbox, no display name, no group. */
    public static boolean validAddress(String address) {
        if (address == null || address.isBlank() || address.length() > 254 || address.contains("<")) {
            return false;
        }
        try {
            new InternetAddress(address, true).validate();
            return address.contains("@");
        } catch (AddressException e) {
            return false;
        }
    }

    /**
     * Sends one delivery's e-mail ({@code {"subject", "text", "html"}}) to its recipients.
     *
     * @throws MessagingException when the server refused it or could not be reached
     */
    public void send(List<String> to, String body) throws MessagingException {
        if (!configured()) {
            throw new MessagingException("no SMTP server is set (ses.mail.host)");
        }
        JsonObject mail = Json.parseObject(body);
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(from, false));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
        }
        message.setSubject(mail.getString("subject"), StandardCharsets.UTF_8.name());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.getString("text"), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.getString("html"), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.setHeader("Auto-Submitted", "auto-generated");
        Transport.send(message);
    }

    private Session session() throws MessagingException {
        String mode = security.strip().toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "tls", "none").contains(mode)) {
            throw new MessagingException("ses.mail.security is starttls, tls or none, not '" + security + "'");
        }
        String protocol = mode.equals("tls") ? "smtps" : "smtp";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", host.orElseThrow().strip());
        properties.put(prefix + "port", String.valueOf(port.orElse(switch (mode) {
            case "tls" -> 465;
            case "none" -> 25;
            default -> 587;
        })));
        properties.put(prefix + "connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put(prefix + "timeout", String.valueOf(timeout.toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(timeout.toMillis()));
        if (mode.equals("starttls")) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (!mode.equals("none")) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        boolean authenticated = user.filter(u -> !u.isBlank()).isPresent();
        properties.put(prefix + "auth", String.valueOf(authenticated));
        Authenticator credentials = !authenticated ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), password.orElse(""));
            }
        };
        return Session.getInstance(properties, credentials);
    }
}
