package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.function.Supplier;

/** Messages for the person using the dashboard, shown by the page's growl or messages component. */
public final class Messages {

    public static final String FORBIDDEN = "Your role does not allow this action.";

    private Messages() {
    }

    public static void info(String text) {
        add(FacesMessage.SEVERITY_INFO, text);
    }

    public static void error(String text) {
        add(FacesMessage.SEVERITY_ERROR, text);
    }

    /**
     * Does what a button asks and says how it went: the success text, or the
     * sentence the server refused it with. Returns whether it worked.
     */
    public static boolean attempt(Runnable action, Supplier<String> success) {
        try {
            action.run();
            info(success.get());
            return true;
        } catch (RequestRejected e) {
            error(e.getMessage());
        } catch (EJBAccessException e) {
            error(FORBIDDEN);
        }
        return false;
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
