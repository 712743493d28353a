package dev.scriptexecuter.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The name of this server node, recorded on every run it executes, so that a
 * restarted node can tell which unfinished runs were its own. Configured, or
 * else chosen at the first start (the host name) and kept in the work
 * directory: a container that gets a new host name on every start keeps its
 * node name as long as it keeps its data volume.
 */
@ApplicationScoped
public class Node {

    static final String FILE = "node-name";

    @Inject
    @ConfigProperty(name = "ses.node.name")
    Optional<String> configured;

    @Inject
    WorkDirectory workDirectory;

    private String name;

    public synchronized String name() {
        if (name == null) {
            name = configured.filter(n -> !n.isBlank()).map(String::strip).orElseGet(this::remembered);
        }
        return name;
    }

    private String remembered() {
        Path file = workDirectory.root().resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(file.getParent());
            String chosen = hostName();
            Files.writeString(file, chosen + "\n", StandardCharsets.UTF_8);
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the node name in " + file, e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
