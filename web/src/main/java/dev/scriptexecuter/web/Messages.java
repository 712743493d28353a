package dev.scriptexecuter.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;

import java.util.Map;
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
        return attempt(action, success, Map.of());
    }

    /**
     * As {@link #attempt(Runnable, Supplier)}, and a refusal that names a field of the form (its
     * {@code field} detail, such as "name") is shown at that field, which is marked invalid.
     *
     * @param fields the client ids of the form's fields, by the names the server gives them
     */
    public static boolean attempt(Runnable action, Supplier<String> success, Map<String, String> fields) {
        try {
            action.run();
            info(success.get());
            return true;
        } catch (RequestRejected e) {
            errorAt(fields.get(String.valueOf(e.details().get("field"))), e.getMessage());
        } catch (EJBAccessException e) {
            error(FORBIDDEN);
        }
        return false;
    }

    /** An error at the field with this client id, or for the page when the form shows no such field. */
    private static void errorAt(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean[] atField = {false};
        if (clientId != null) {
            faces.getViewRoot().invokeOnComponent(faces, clientId, (context, field) -> {
                if (field instanceof UIInput input && field.isRendered()) {
                    input.setValid(false);
                    atField[0] = true;
                }
            });
        }
        faces.addMessage(atField[0] ? clientId : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
