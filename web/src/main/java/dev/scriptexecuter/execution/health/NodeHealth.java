package dev.scriptexecuter.execution.health;

import dev.scriptexecuter.execution.boundary.NodeStatus;
import dev.scriptexecuter.infrastructure.WorkDirectory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * MicroProfile Health: {@code /health/ready} says whether this node can take
 * runs (database reachable, Python found, work directory writable, the
 * sandbox working or switched off on purpose; the runs admitted are
 * reported), {@code /health/live} that the application is deployed. The
 * application serves them itself too ({@link HealthServlet}). WildFly's MicroProfile Health does not look into
 * the modules of an EAR: there {@code /health/ready} (management port) reports
 * the server's and the deployment's state, not these checks.
 */
public final class NodeHealth {

    private static final Logger LOG = Logger.getLogger(NodeHealth.class.getName());

    private NodeHealth() {
    }

    @Readiness
    @ApplicationScoped
    public static class Database implements HealthCheck {

        @Resource(lookup = "java:comp/DefaultDataSource")
        DataSource dataSource;

        @Override
        public HealthCheckResponse call() {
            try (Connection connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database").status(valid)
                        .withData("product", connection.getMetaData().getDatabaseProductName()).build();
            } catch (Exception e) {
                // health is open to all: the reason goes to the log, not into the answer
                LOG.log(Level.WARNING, "Readiness: the database cannot be reached", e);
                return HealthCheckResponse.named("database").down()
                        .withData("error", "cannot be reached (the server log says why)").build();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Python implements HealthCheck {

        @Inject
        NodeStatus node;

        @Override
        public HealthCheckResponse call() {
            try {
                Path executable = node.python();
                return HealthCheckResponse.named("python").status(Files.isExecutable(executable))
                        .withData("executable", executable.toString()).build();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Readiness: no Python interpreter", e);
                return HealthCheckResponse.named("python").down()
                        .withData("error", "not found (the server log says why)").build();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Work implements HealthCheck {

        @Inject
        WorkDirectory workDirectory;

        @Override
        public HealthCheckResponse call() {
            Path root = workDirectory.root();
            return HealthCheckResponse.named("work-directory")
                    .status(Files.isDirectory(root) && Files.isWritable(root)).build();
        }
    }

    /** Ready when runs are sandboxed, or when an operator switched the sandbox off (not when it is just missing). */
    @Readiness
    @ApplicationScoped
    public static class Sandbox implements HealthCheck {

        @Inject
        NodeStatus node;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("sandbox")
                    .status(node.sandboxed() || node.sandboxSwitchedOff())
                    .withData("sandboxed", node.sandboxed());
            node.notSandboxedBecause().ifPresent(reason -> response.withData("reason", reason
                    + (node.sandboxSwitchedOff() ? "" : "; install bubblewrap, or set ses.sandbox=off to run"
                    + " scripts unsandboxed on purpose")));
            return response.build();
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Runs implements HealthCheck {

        @Inject
        NodeStatus node;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("runs").up()
                    .withData("sandboxed", node.sandboxed())
                    .withData("admitted", node.admitted())
                    .withData("limits", node.limits()).build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Deployed implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.up("application");
        }
    }
}
