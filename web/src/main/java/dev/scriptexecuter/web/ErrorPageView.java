package dev.scriptexecuter.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The error page: what went wrong in words, and for a server error the short
 * reference that the server log repeats next to the stack trace, which stays
 * in the log. Errors the container sends here itself (a missing page, an
 * exception outside Faces) are logged here; {@link DashboardExceptionHandler}
 * logs its own and passes the reference as {@code ref}.
 */
@Named
@RequestScoped
public class ErrorPageView {

    private static final Logger LOG = Logger.getLogger(ErrorPageView.class.getName());
    private static final Pattern REFERENCE = Pattern.compile("[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the page says for one kind of error: its title, its headline, and what the reader can do next. */
    private record Wording(String title, String headline, String explanation) {
    }

    private static final Wording NOT_FOUND = new Wording("Not found", "There is no such page.",
            "The address may be mistyped, or what it named was deleted. The menu leads to every page.");
    private static final Wording FORBIDDEN = new Wording("Not allowed", "Your role does not allow this page.",
            "Admins manage users and read the audit log. If you need this page, ask an admin for the role.");
    private static final Wording BAD_REQUEST = new Wording("Bad request",
            "The server could not make sense of that request.",
            "Going back and trying again from the page usually helps.");
    private static final Wording SERVER_ERROR = new Wording("Error", "Something went wrong on the server.",
            "Nothing you did caused this. Try again in a moment; if it happens again, tell your operator the"
                    + " reference below.");

    @Inject
    FacesContext faces;

    private String reference;

    static String newReference() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The reference of this error, or null: only ever one of ours, never text from the address bar. */
    public String getReference() {
        if (reference == null) {
            Object error = request().get(RequestDispatcher.ERROR_EXCEPTION);
            if (error instanceof Throwable thrown) {
                reference = newReference();
                LOG.log(Level.SEVERE, "Error " + reference + " on " + request().get(RequestDispatcher.ERROR_REQUEST_URI),
                        thrown);
            } else {
                String given = external().getRequestParameterMap().get("ref");
                reference = given != null && REFERENCE.matcher(given).matches() ? given : "";
            }
        }
        return reference.isEmpty() ? null : reference;
    }

    public String getHeadline() {
        return wording().headline();
    }

    public String getTitle() {
        return wording().title();
    }

    public String getExplanation() {
        return wording().explanation();
    }

    private Wording wording() {
        return switch (status()) {
            case 404 -> NOT_FOUND;
            case 403 -> FORBIDDEN;
            case 400, 405 -> BAD_REQUEST;
            default -> SERVER_ERROR;
        };
    }

    private int status() {
        return request().get(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
    }

    private Map<String, Object> request() {
        return external().getRequestMap();
    }

    private ExternalContext external() {
        return faces.getExternalContext();
    }
}
