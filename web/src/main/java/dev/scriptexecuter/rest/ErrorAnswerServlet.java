package dev.scriptexecuter.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page for everything the application did not answer itself: the
 * container's refusals (a path it will not decode, a method it does not serve,
 * an unknown servlet path) and exceptions no mapper caught. Machine paths
 * ({@code /api}, {@code /hooks}, {@code /health}, {@code /metrics}, {@code /openapi}) get
 * problem+json, everything else the dashboard's error page; neither names the
 * server product, a class or a stack frame. An exception is logged with an id
 * the answer repeats.
 */
@WebServlet(ErrorAnswerServlet.PATH)
public class ErrorAnswerServlet extends HttpServlet {

    public static final String PATH = "/error-answer";
    /** The dashboard's own error page, which logs an exception under the reference it shows. */
    static final String DASHBOARD_PAGE = "/error.xhtml";
    private static final Logger LOG = Logger.getLogger(ErrorAnswerServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (!machinePath(path.substring(Math.min(path.length(), request.getContextPath().length())))) {
            request.getRequestDispatcher(DASHBOARD_PAGE).forward(request, response);
            return;
        }
        int status = status(request);
        String detail = detail(request, status);
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(Problems.MEDIA_TYPE);
        response.getWriter().write(Problems.json(status, "http-" + status, Problems.title(status), detail));
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        return status < 400 || status > 599 ? 500 : status;
    }

    private static String detail(HttpServletRequest request, int status) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable thrown && status >= 500) {
            String id = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected error " + id, thrown);
            return "The server failed unexpectedly; the log names this error " + id + ".";
        }
        return Problems.sentence(status, request.getMethod());
    }

    static boolean machinePath(String path) {
        return path.startsWith("/api") || path.startsWith("/hooks") || path.startsWith("/health") || path.startsWith("/metrics")
                || path.startsWith("/openapi");
    }
}
