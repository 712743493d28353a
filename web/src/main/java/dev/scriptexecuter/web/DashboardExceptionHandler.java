package dev.scriptexecuter.web;

import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import org.primefaces.csp.CspException;

import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the container's error page, which names the server, exception classes
 * and stack frames, away from the dashboard. A page whose state the server no
 * longer has (session over, server restarted, or a forged {@code ViewState} or
 * nonce) is loaded again with a notice that the action was not done; anything
 * else is logged under a short reference that the error page shows. Both are
 * redirects, which Faces turns into a partial response for AJAX requests, so a
 * button never fails silently.
 */
class DashboardExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(DashboardExceptionHandler.class.getName());
    private static final String ERROR_VIEW = "/error.xhtml";

    DashboardExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        if (events.hasNext()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            answer(faces, events.next().getContext().getException());
            events.remove();
            while (events.hasNext()) {
                log(faces, events.next().getContext().getException());
                events.remove();
            }
        }
        getWrapped().handle();
    }

    private static void answer(FacesContext faces, Throwable error) {
        if (isExpiredPage(error) && !faces.getExternalContext().isResponseCommitted()) {
            redirect(faces, ExpiredPage.url(faces, error));
            return;
        }
        String reference = log(faces, error);
        if (!faces.getExternalContext().isResponseCommitted() && !ERROR_VIEW.equals(viewId(faces))) {
            redirect(faces, faces.getExternalContext().getRequestContextPath() + ERROR_VIEW + "?ref=" + reference);
        }
    }

    /** A page the server cannot go on with, as opposed to a defect: no stack trace in the log for these. */
    static boolean isExpiredPage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException || cause instanceof ProtectedViewException
                    || cause instanceof CspException) {
                return true;
            }
        }
        return false;
    }

    /** Logs the error with the reference the person sees, and returns that reference. */
    private static String log(FacesContext faces, Throwable error) {
        String reference = ErrorPageView.newReference();
        LOG.log(Level.SEVERE, "Dashboard error " + reference + " on " + viewId(faces), error);
        return reference;
    }

    private static void redirect(FacesContext faces, String url) {
        ExternalContext external = faces.getExternalContext();
        try {
            external.redirect(url);
            faces.responseComplete();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "Could not send the browser to " + url, e);
        }
    }

    private static String viewId(FacesContext faces) {
        return faces.getViewRoot() == null ? "(no view)" : faces.getViewRoot().getViewId();
    }
}
