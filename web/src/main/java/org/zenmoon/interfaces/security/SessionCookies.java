package org.zenmoon.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's session cookie is {@code HttpOnly} and {@code SameSite=Lax} (web.xml) and {@code Secure} on TLS
 * requests (Payara's default, "dynamic"). Behind a proxy that terminates TLS the server sees plain requests, so
 * {@code zenmoon.http.assume-tls=true} makes the cookie {@code Secure} always.
 */
/* Declared in web.xml. */
public class SessionCookies implements ServletContextListener {

    @Inject
    @ConfigProperty(name = "zenmoon.http.assume-tls", defaultValue = "false")
    boolean assumeTls;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (assumeTls) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
