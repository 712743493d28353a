package dev.scriptexecuter.environment.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, in pip's output, the network errors it met on the way to a package
 * index. pip reports them only as warnings of its retries ("Retrying …
 * NewConnectionError … Name or service not known") or as "Could not fetch
 * URL", then goes on as if the index had answered with nothing.
 */
final class IndexTrouble {

    private static final List<String> NETWORK_LINES = List.of("Retrying (", "Could not fetch URL", "Max retries exceeded",
            "connection broken by", "Failed to establish a new connection", "ProxyError", "SSLError");

    /** Each error as pip spells it, and how it is named to an operator; the most telling first. */
    private static final List<Map.Entry<String, String>> REASONS = List.of(
            Map.entry("Name or service not known", "Name or service not known"),
            Map.entry("Temporary failure in name resolution", "Temporary failure in name resolution"),
            Map.entry("No address associated with hostname", "No address associated with hostname"),
            Map.entry("nodename nor servname provided", "the host name could not be resolved"),
            Map.entry("getaddrinfo failed", "the host name could not be resolved"),
            Map.entry("Connection refused", "Connection refused"),
            Map.entry("Network is unreachable", "Network is unreachable"),
            Map.entry("No route to host", "No route to host"),
            Map.entry("Connection reset by peer", "Connection reset by peer"),
            Map.entry("ProxyError", "the proxy failed or refused the connection"),
            Map.entry("CERTIFICATE_VERIFY_FAILED", "its TLS certificate could not be verified"),
            Map.entry("SSLError", "a TLS (SSL) error"),
            Map.entry("timed out", "the connection timed out"),
            Map.entry("TimeoutError", "the connection timed out"),
            Map.entry("Failed to establish a new connection", "no connection could be made"),
            Map.entry("Max retries exceeded", "no connection could be made"));

    private IndexTrouble() {
    }

    /** Why pip could not reach an index, in words; empty if it met no network error. */
    static Optional<String> reason(List<String> lines) {
        List<String> network = lines.stream()
                .filter(line -> NETWORK_LINES.stream().anyMatch(line::contains)).toList();
        return REASONS.stream().filter(reason -> network.stream().anyMatch(line -> line.contains(reason.getKey())))
                .map(Map.Entry::getValue).findFirst();
    }
}
