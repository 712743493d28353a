package dev.scriptexecuter.execution.health;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready} served by
 * the application itself, in MicroProfile Health's JSON (200 when every check
 * is UP, 503 otherwise). The server's own endpoint runs the same checks, but
 * it is hidden when the application has the context root "/" (Payara Micro as
 * the README starts it), and WildFly's does not see an EAR's checks.
 */
@WebServlet("/health/*")
public class HealthServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String which = request.getPathInfo() == null ? "/" : request.getPathInfo();
        List<HealthCheck> checks = new ArrayList<>();
        switch (which) {
            case "/live" -> liveness.forEach(checks::add);
            case "/ready" -> readiness.forEach(checks::add);
            case "/", "" -> {
                liveness.forEach(checks::add);
                readiness.forEach(checks::add);
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "Health is at /health, /health/live and /health/ready.");
                return;
            }
        }
        boolean up = true;
        JsonArrayBuilder results = Json.PROVIDER.createArrayBuilder();
        for (HealthCheck check : checks) {
            HealthCheckResponse result = call(check);
            up &= result.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder().add("name", result.getName())
                    .add("status", result.getStatus().name());
            result.getData().ifPresent(data -> {
                JsonObjectBuilder values = Json.PROVIDER.createObjectBuilder();
                data.forEach((key, value) -> {
                    if (value instanceof Boolean flag) {
                        values.add(key, flag);
                    } else if (value instanceof Long number) {
                        values.add(key, number);
                    } else {
                        values.add(key, String.valueOf(value));
                    }
                });
                json.add("data", values);
            });
            results.add(json);
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.PROVIDER.createObjectBuilder().add("status", up ? "UP" : "DOWN")
                .add("checks", results).build().toString());
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            // health is open to all: the check's failure goes to the log, the answer only says that it failed
            LOG.log(Level.WARNING, "A health check failed", e);
            return HealthCheckResponse.named("check").down()
                    .withData("error", "failed (the server log says why)").build();
        }
    }
}
