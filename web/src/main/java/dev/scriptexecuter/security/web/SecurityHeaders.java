package dev.scriptexecuter.security.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The one definition of the security headers every answer carries: the
 * Content-Security-Policy, no MIME sniffing, no referrer beyond this site, no
 * framing, and no product name in {@code Server} or {@code X-Powered-By}
 * (a name tells an attacker which known holes to try first).
 * {@link SecurityHeadersFilter} applies them to every response;
 * {@link AuthenticationMechanism} to the answers it sends before any filter runs.
 * PrimeFaces reads {@link #getContentSecurityPolicy()} ({@code primefaces.CSP_POLICY}
 * in web.xml) and appends the nonce of each page to its last directive, {@code script-src}.
 */
@Named
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /**
     * No inline script runs without the page's nonce, and no script comes from
     * elsewhere. {@code style-src} needs 'unsafe-inline': PrimeFaces and our pages
     * render {@code style} attributes, and Monaco inserts {@code <style>}
     * elements at run time, none of which can carry a nonce. Monaco falls back
     * to starting its workers from {@code blob:} URLs. {@code script-src} stays
     * last: PrimeFaces appends the nonce to it. With single sign-on, forms may also lead to the identity
     * provider: logging out is a form whose answer sends the browser there to end its session too, and browsers
     * hold every redirect after a form to {@code form-action}.
     */
    private static String policy(String formTargets) {
        return String.join("; ",
                "default-src 'self'",
                "base-uri 'self'",
                "object-src 'none'",
                "frame-ancestors 'none'",
                "form-action " + formTargets,
                "img-src 'self' data:",
                "font-src 'self' data:",
                "style-src 'self' 'unsafe-inline'",
                "worker-src 'self' blob:",
                "connect-src 'self'",
                "script-src 'self'");
    }

    private static volatile String policy;

    /** What the product's name is replaced with: nothing a scanner can look up. */
    private static final String NEUTRAL = "";

    /** The policy without a nonce, for PrimeFaces to complete per page. */
    public String getContentSecurityPolicy() {
        return policy();
    }

    static String policy() {
        String known = policy;
        if (known == null) {
            known = policy(formTargets(ConfigProvider.getConfig().getOptionalValue("ses.auth.oidc.issuer", String.class)));
            policy = known;
        }
        return known;
    }

    /** 'self', and the identity provider's origin (its issuer's scheme, host and port) when there is one. */
    static String formTargets(Optional<String> issuer) {
        return issuer.map(String::strip).filter(text -> !text.isEmpty()).map(text -> {
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null || uri.getScheme() == null) {
                    return "'self'";
                }
                return "'self' " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            } catch (URISyntaxException e) {
                return "'self'"; // the start stops on it, naming the setting
            }
        }).orElse("'self'");
    }

    /** Sets every header on a response that is not committed yet. */
    public static void apply(HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        response.setHeader(CONTENT_SECURITY_POLICY, policy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Server", NEUTRAL);
        response.setHeader("X-Powered-By", NEUTRAL);
    }
}
