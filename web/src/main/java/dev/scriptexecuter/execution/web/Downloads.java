package dev.scriptexecuter.execution.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.function.Supplier;

/** What the dashboard's download servlets share: a refusal answered as an error status with its message. */
final class Downloads {

    private Downloads() {
    }

    /** What {@code lookup} gives, or null after answering its refusal (a role that may not: 403). */
    static <T> T orRefused(HttpServletResponse response, Supplier<T> lookup) throws IOException {
        try {
            return lookup.get();
        } catch (RequestRejected e) {
            response.sendError(e.reason().status(), e.getMessage());
        } catch (EJBAccessException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
        return null;
    }
}
