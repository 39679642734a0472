package org.zenmoon.interfaces.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.zenmoon.interfaces.security.ApiTokens;
import org.zenmoon.interfaces.security.ZenMoonAuthentication;

/**
 * The handshake of {@code /ws/alerts}: the client offers the subprotocols {@code bearer, TOKEN}, and the server must
 * answer with one of them, or a browser drops the connection; it answers {@code bearer}, never the token. The
 * authentication mechanism has refused the upgrade already unless the token is a valid access token of an active
 * account; here its account id, version and expiry are kept for the socket's session (WebSocket 2.1 gives each
 * session a copy of the properties as they are when this method ends), so that each push can check them again.
 */
public class BearerSubprotocol extends ServerEndpointConfig.Configurator {

    /** The session property with the {@link ApiTokens.Verified} token of the handshake. */
    static final String TOKEN = "zenmoon.token";

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.contains(ZenMoonAuthentication.BEARER_SUBPROTOCOL)
                        && supported.contains(ZenMoonAuthentication.BEARER_SUBPROTOCOL)
                ? ZenMoonAuthentication.BEARER_SUBPROTOCOL
                : "";
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        properties.remove(TOKEN);
        List<String> offered = request.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL))
                .flatMap(h -> h.getValue().stream())
                .toList();
        ZenMoonAuthentication.subprotocolToken(offered)
                .flatMap(CDI.current().select(ApiTokens.class).get()::verify)
                .ifPresent(verified -> properties.put(TOKEN, verified));
    }
}
