package org.zenmoon.interfaces.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.zenmoon.interfaces.security.ZenMoonAuthentication;

/**
 * {@code /ws/alerts}: pushes the alerts of the children its caller may see, as they are raised (API.md, "Alerts").
 * It only pushes: a client that reconnects asks {@code GET /api/v1/children/{childId}/alerts?from=} for what it
 * missed. What a client sends is ignored, and a message over 1 KiB closes the socket.
 */
@ServerEndpoint(
        value = "/ws/alerts",
        subprotocols = ZenMoonAuthentication.BEARER_SUBPROTOCOL,
        configurator = BearerSubprotocol.class)
public class AlertSocket {

    @OnOpen
    public void open(Session session) {
        feed().open(session);
    }

    @OnMessage(maxMessageSize = 1024)
    public void message(String ignored) {
        // The feed is one-way; pings and pongs are the container's.
    }

    @OnClose
    public void close(Session session) {
        feed().close(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        feed().close(session);
    }

    /** Looked up rather than injected: the container makes the endpoint, with or without CDI. */
    private static AlertFeed feed() {
        return CDI.current().select(AlertFeed.class).get();
    }
}
