package dev.scriptexecuter.execution.control;

import dev.scriptexecuter.infrastructure.WorkDirectory;
import dev.scriptexecuter.python.control.PythonInterpreter;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * MicroProfile Health: {@code /health/ready} says whether this node can take
 * runs (database reachable, Python found, work directory writable; the
 * sandbox state and the runs admitted are reported), {@code /health/live} that the
 * application is deployed.
 */
@ApplicationScoped
public class NodeHealth {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    PythonInterpreter interpreter;

    @Inject
    WorkDirectory workDirectory;

    @Inject
    RunConfinement confinement;

    @Inject
    RunAdmission admission;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database").status(valid)
                        .withData("product", connection.getMetaData().getDatabaseProductName()).build();
            } catch (Exception e) {
                return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage()))
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck python() {
        return () -> {
            try {
                Path executable = interpreter.executable();
                return HealthCheckResponse.named("python").status(Files.isExecutable(executable))
                        .withData("executable", executable.toString()).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("python").down().withData("error", String.valueOf(e.getMessage()))
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck workDirectory() {
        return () -> {
            Path root = workDirectory.root();
            return HealthCheckResponse.named("work-directory")
                    .status(Files.isDirectory(root) && Files.isWritable(root)).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck runs() {
        return () -> HealthCheckResponse.named("runs").up()
                .withData("sandboxed", confinement.sandboxed())
                .withData("admitted", admission.admitted())
                .withData("limits", admission.limits()).build();
    }

    @Produces
    @Liveness
    HealthCheck deployed() {
        return () -> HealthCheckResponse.up("application");
    }
}
