package dev.scriptexecuter.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.FacesContext;

import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a page whose state expired is loaded again: the same page, with the
 * query it was opened with (a run's page keeps its run), and {@code expired=true},
 * on which the template shows its notice. The target's path is always our
 * own view, never taken from the request, so this cannot redirect elsewhere.
 */
final class ExpiredPage {

    static final String PARAMETER = "expired";
    private static final Pattern PLAIN_QUERY = Pattern.compile("[A-Za-z0-9._~%=&+-]*");

    private ExpiredPage() {
    }

    static String url(FacesContext faces, Throwable error) {
        String path = faces.getApplication().getViewHandler().getActionURL(faces, viewId(faces, error));
        String query = queryOfSamePage(path, faces.getExternalContext().getRequestHeaderMap().get("Referer"));
        return path + "?" + (query.isEmpty() ? "" : query + "&") + PARAMETER + "=true";
    }

    private static String viewId(FacesContext faces, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException expired && expired.getViewId() != null) {
                return expired.getViewId();
            }
        }
        return faces.getViewRoot() == null ? "/index.xhtml" : faces.getViewRoot().getViewId();
    }

    /** The query of the page the browser was on, when that page is this one and its query is plain. */
    static String queryOfSamePage(String path, String referer) {
        if (referer == null) {
            return "";
        }
        try {
            URI page = URI.create(referer);
            String query = page.getRawQuery();
            if (!path.equals(page.getRawPath()) || query == null || !PLAIN_QUERY.matcher(query).matches()) {
                return "";
            }
            return Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.startsWith(PARAMETER + "="))
                    .collect(Collectors.joining("&"));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
