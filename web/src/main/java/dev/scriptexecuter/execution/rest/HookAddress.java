package dev.scriptexecuter.execution.rest;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Trigger URLs are handed out as {@code /hooks/{token}}, short and outside the API's path (the address a
 * person pastes into another system); their calls are answered by {@link HooksResource} under
 * {@code /api/hooks/}, to which this passes them on unchanged (method, headers, body).
 */
@WebServlet("/hooks/*")
public class HookAddress extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String rest = request.getPathInfo() == null ? "" : request.getPathInfo();
        request.getRequestDispatcher("/api/hooks" + rest).forward(request, response);
    }
}
