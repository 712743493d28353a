package dev.scriptexecuter.security.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The dashboard's address as browsers and the identity provider reach it, without a trailing slash:
 * {@code ses.public-url} when set (behind a proxy), else the address this request came to.
 */
final class DashboardAddress {

    private DashboardAddress() {
    }

    static String of(HttpServletRequest request, Optional<String> publicUrl) {
        String configured = publicUrl.map(String::strip).filter(text -> !text.isEmpty()).orElse(null);
        if (configured != null) {
            return configured.replaceAll("/+$", "");
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean usual = port == 80 && "http".equals(scheme) || port == 443 && "https".equals(scheme);
        return scheme + "://" + request.getServerName() + (usual ? "" : ":" + port) + request.getContextPath();
    }
}
