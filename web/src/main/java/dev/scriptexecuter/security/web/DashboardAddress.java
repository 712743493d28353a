package dev.scriptexecuter.security.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The dashboard's address as browsers and the identity provider reach it, without a trailing slash:
 * {@code ses.public-url} when set (behind a proxy), else the address this request came to.
 */
@ApplicationScoped
public class DashboardAddress {

    @Inject
    @ConfigProperty(name = "ses.public-url")
    Optional<String> publicUrl;

    public String of(HttpServletRequest request) {
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
