package org.zenmoon.interfaces.websocket;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys {@code /ws/alerts} explicitly. Once Faces' push endpoint is enabled (the portal's alerts inbox), Payara's
 * WebSocket container deploys the endpoint Faces adds and no longer the annotated ones it would otherwise scan; an
 * endpoint already deployed is left as it is.
 */
@WebListener
public class SocketRegistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SocketRegistration.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!(event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer ws)) {
            LOG.warning("No WebSocket container: /ws/alerts is not available");
            return;
        }
        try {
            ws.addEndpoint(AlertSocket.class);
        } catch (DeploymentException e) {
            LOG.log(Level.INFO, "/ws/alerts not deployed again: {0}", e.getMessage());
        }
    }
}
