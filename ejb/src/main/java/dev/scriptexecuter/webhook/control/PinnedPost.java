package dev.scriptexecuter.webhook.control;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs a webhook delivery to the address its host resolves to now, after checking that address: a host
 * that was outside the server's networks when the webhook was saved may resolve inside them by the time
 * a delivery is sent (DNS rebinding). It connects to the address it checked, never resolving again
 * (an HTTP client would), and speaks just enough HTTP/1.1 for a webhook: one request, the status line.
 * TLS checks the certificate against the host name, as a client connecting by name would.
 */
public class PinnedPost {

    /** The address was refused before anything was sent; the message says why. */
    public static class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final WebhookUrls.Resolver resolver;
    private final Duration timeout;

    public PinnedPost(WebhookUrls.Resolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
    }

    /**
     * @param internalAllowed whether an admin decided this webhook may point inside the server's networks
     * @return the HTTP status of the answer
     */
    public int send(URI url, Map<String, String> headers, String body, boolean internalAllowed) throws IOException {
        String host = url.getHost();
        if (host == null || !List.of("http", "https").contains(url.getScheme())) {
            throw new Refused("Not an http(s) URL with a host: " + WebhookUrls.redacted(url.toString()));
        }
        InetAddress address = checkedAddress(host, internalAllowed);
        boolean tls = url.getScheme().equals("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        try (Socket socket = connect(address, port, host, tls)) {
            write(socket.getOutputStream(), url, host, headers, body);
            return status(socket);
        }
    }

    private InetAddress checkedAddress(String host, boolean internalAllowed) throws IOException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses.length == 0) {
            throw new Refused(host + " resolved to no address");
        }
        Optional<String> internal = internalAllowed ? Optional.empty() : WebhookUrls.internal(host, addresses);
        if (internal.isPresent()) {
            throw new Refused("Not sent: when sending, " + internal.get()
                    + " (only an admin may send webhooks there)");
        }
        return addresses[0];
    }

    private Socket connect(InetAddress address, int port, String host, boolean tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            if (!tls) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                    .createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(host)));
            secure.setSSLParameters(parameters);
            secure.startHandshake();
            return secure;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            plain.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static void write(OutputStream out, URI url, String host, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host
                + (url.getPort() > 0 ? ":" + url.getPort() : "") + "\r\nContent-Length: " + content.length
                + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value.replaceAll("[\r\n]", " "))
                .append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
    }

    private static int status(Socket socket) throws IOException {
        String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                .readLine();
        String[] parts = line == null ? new String[0] : line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("The receiver did not answer with HTTP");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("The receiver answered with an unreadable status line");
        }
    }
}
