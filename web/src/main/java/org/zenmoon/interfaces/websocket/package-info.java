/**
 * The live alert feed {@code /ws/alerts} (docs/INGEST.md, "Alerts"): a WebSocket entry point. The handshake is
 * authenticated like an API request ({@code ZenMoonAuthentication}, with the token in the subprotocols); each socket
 * binds its account as the caller to ask the alert service which children it sees, and again for each alert pushed,
 * which is read and audited as that caller.
 */
package org.zenmoon.interfaces.websocket;
