package dev.scriptexecuter.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The name of this server node, recorded on every run it executes, so that a
 * restarted node can tell which unfinished runs were its own.
 */
@ApplicationScoped
public class Node {

    @Inject
    @ConfigProperty(name = "ses.node.name")
    Optional<String> configured;

    public String name() {
        return configured.filter(name -> !name.isBlank()).orElseGet(Node::hostName);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
