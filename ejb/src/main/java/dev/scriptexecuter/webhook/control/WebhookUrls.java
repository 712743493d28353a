package dev.scriptexecuter.webhook.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What may be said about a webhook URL and where it may point. Chat services
 * put their token in the path, so outside the webhook's own settings a URL is
 * shown as scheme, host and port only. An address inside the server's own
 * networks (loopback, private, link-local) is an admin's decision, as network
 * access for scripts is.
 */
public final class WebhookUrls {

    /** How an e-mail delivery's "URL" starts: {@code mailto:a@example.org,b@example.org}. */
    public static final String MAILTO = "mailto:";

    private WebhookUrls() {
    }

    /**
     * {@code https://hooks.example.org/…}: enough to recognise it, nothing to use it with; an e-mail delivery's
     * recipients as they are (they were typed to be seen).
     */
    public static String redacted(String url) {
        if (url.startsWith(MAILTO)) {
            return url;
        }
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
                    ? "" : "/\u2026";
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
                    + (uri.getRawQuery() == null ? "" : "?\u2026");
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }

    /** How host names become addresses; a test puts its own in place of the system's. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why the host is inside the server's networks, or empty when it is not (or cannot be resolved). */
    public static Optional<String> internal(String host) {
        try {
            return internal(host, Resolver.SYSTEM.resolve(host));
        } catch (UnknownHostException e) {
            return Optional.of(host + " cannot be resolved from the server");
        }
    }

    /** Why one of the addresses {@code host} resolved to is inside the server's networks; empty when none is. */
    public static Optional<String> internal(String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            byte[] bytes = address.getAddress();
            boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
                return Optional.of(host + " is " + address.getHostAddress()
                        + ", an address inside the server's own networks");
            }
        }
        return Optional.empty();
    }
}
