package dev.scriptexecuter.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Puts {@link SecurityHeaders} on every response the application serves: pages,
 * the REST API, health, metrics, OpenAPI, static resources and error pages
 * (web.xml maps it first, for requests, forwards, error dispatches and async).
 * A page's own policy with its nonce, which PrimeFaces adds later, replaces the
 * default one here rather than joining it: two policies would both apply, and
 * the one without the nonce would block the page's scripts.
 */
public class SecurityHeadersFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(response);
        chain.doFilter(request, new OnePolicy(response));
    }

    /** A response on which adding a Content-Security-Policy replaces the one there. */
    private static final class OnePolicy extends HttpServletResponseWrapper {

        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (SecurityHeaders.CONTENT_SECURITY_POLICY.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
