package dev.scriptexecuter.infrastructure;

import jakarta.ejb.ApplicationException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the application refuses, with a sentence saying what to fix.
 * Thrown by boundaries; the REST layer turns it into problem+json and the
 * dashboard into a message. Rolls back whatever the request had written.
 */
@ApplicationException(rollback = true)
public class RequestRejected extends RuntimeException {

    /** Why a request was refused, with the HTTP status that says so. */
    public enum Reason {
        INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
        TOO_MANY_REQUESTS(429), PRECONDITION_FAILED(412), PRECONDITION_REQUIRED(428);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final String title;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public RequestRejected(Reason reason, String title, String detail) {
        super(detail);
        this.reason = reason;
        this.title = title;
    }

    public static RequestRejected invalid(String detail) {
        return new RequestRejected(Reason.INVALID, "Invalid request", detail);
    }

    public static RequestRejected notFound(String detail) {
        return new RequestRejected(Reason.NOT_FOUND, "Not found", detail);
    }

    public static RequestRejected conflict(String detail) {
        return new RequestRejected(Reason.CONFLICT, "Conflict", detail);
    }

    public static RequestRejected unauthenticated(String detail) {
        return new RequestRejected(Reason.UNAUTHENTICATED, "Unauthorized", detail);
    }

    /** The caller is known but their role does not allow this particular change. */
    public static RequestRejected forbidden(String detail) {
        return new RequestRejected(Reason.FORBIDDEN, "Forbidden", detail);
    }

    public static RequestRejected tooManyRequests(String detail) {
        return new RequestRejected(Reason.TOO_MANY_REQUESTS, "Too many requests", detail);
    }

    public static RequestRejected tooLarge(String detail) {
        return new RequestRejected(Reason.TOO_LARGE, "Too large", detail);
    }

    /** A conditional write whose condition ({@code If-Match}, {@code If-None-Match}) the resource does not meet. */
    public static RequestRejected preconditionFailed(String detail) {
        return new RequestRejected(Reason.PRECONDITION_FAILED, "Precondition failed", detail);
    }

    /** A write that must say which state of the resource it applies to, and did not. */
    public static RequestRejected preconditionRequired(String detail) {
        return new RequestRejected(Reason.PRECONDITION_REQUIRED, "Precondition required", detail);
    }

    /** Adds a machine-readable member (such as {@code field}, {@code line}) to the problem. */
    public RequestRejected with(String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
        return this;
    }

    public Map<String, Object> details() {
        return Map.copyOf(details);
    }

    public Reason reason() {
        return reason;
    }

    public String title() {
        return title;
    }
}
