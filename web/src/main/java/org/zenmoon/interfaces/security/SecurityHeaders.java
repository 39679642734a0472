package org.zenmoon.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The security headers of every response: no framing ({@code frame-ancestors 'none'}, {@code X-Frame-Options}),
 * no MIME sniffing, no referrer, HSTS on TLS, and a Content-Security-Policy. The API and everything else that is
 * not a Faces page get a policy that allows nothing to load. Faces pages get one that allows no framing, plugins,
 * foreign forms or base URLs; their scripts are restricted by the second policy PrimeFaces adds
 * ({@code primefaces.CSP} in web.xml: {@code script-src 'self' 'nonce-…'}, with PrimeFaces moving its inline
 * handlers into nonce-bearing scripts). A browser enforces both policies. The phone app gets {@link #APP_POLICY}.
 */
/* Declared in web.xml, first of the filters. The authentication mechanism, which answers some requests before
 * any filter runs, applies the same headers through apply(). */
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    /**
     * The phone app under {@code /app/} (mobile/): its own scripts, styles, images, service worker and manifest, and
     * the API and the alerts WebSocket of the same origin; nothing inline, nothing foreign, no framing.
     */
    static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'none'";

    static final String HSTS = "max-age=31536000";

    /** For a server behind a proxy that terminates TLS: HSTS (and Secure cookies) even on plain requests. */
    @Inject
    @ConfigProperty(name = "zenmoon.http.assume-tls", defaultValue = "false")
    boolean assumeTls;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        if (assumeTls && !request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }

    static String policy(String servletPath) {
        if (servletPath == null) {
            return API_POLICY;
        }
        if (servletPath.endsWith(".xhtml")) {
            return PAGE_POLICY;
        }
        return servletPath.equals("/app") || servletPath.startsWith("/app/") ? APP_POLICY : API_POLICY;
    }

    static void apply(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getServletPath();
        response.setHeader("Content-Security-Policy", policy(path));
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}
