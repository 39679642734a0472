package org.zenmoon.interfaces.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.Alerts;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.alert.AlertRaised;

/**
 * Tells the portal's open alert inboxes ({@code portal/alerts.xhtml}) that a new alert has come, so that they read the inbox again. The message carries no
 * data ({@value #MESSAGE}): what the page then shows is read as its own caller, scoped and audited like any read.
 * Only accounts whose inbox is open are told, and only when they see the alert's child now
 * ({@link Alerts#watches}, asked as that account after the upload commits, on a managed thread of its own).
 */
@ApplicationScoped
public class PortalAlertPush {

    private static final Logger LOG = Logger.getLogger(PortalAlertPush.class.getName());

    /** Whose inbox a Faces push socket is ({@code <f:websocket user>}): the account and its tenant. */
    public record Inbox(String userId, String tenantId) implements Serializable {}

    /** The Faces push channel of the portal's alerts inbox ({@code <f:websocket channel>}). */
    public static final String CHANNEL = "alertInbox";

    /** What an inbox hears. */
    static final String MESSAGE = "alert";

    /**
     * The accounts whose inbox may be open, with their tenant: a hint, not a count. Faces reports an inbox opened,
     * but not every end (a session that ends by log-out or time-out closes its sockets without a Closed event), so
     * an account is forgotten when a push finds no socket of it (another tab of it may outlive a closed one).
     */
    private final Map<String, String> open = new ConcurrentHashMap<>();

    @Inject
    @Push(channel = CHANNEL)
    PushContext inboxes;

    @Inject
    Accounts accounts;

    @Inject
    CallerContext callers;

    @Inject
    Alerts alerts;

    @Resource
    ManagedExecutorService executor;

    void opened(@Observes @WebsocketEvent.Opened WebsocketEvent event) {
        if (CHANNEL.equals(event.getChannel()) && event.getUser() instanceof PortalAlertPush.Inbox inbox) {
            open.put(inbox.userId(), inbox.tenantId());
        }
    }

    void raised(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertRaised raised) {
        if (open.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> announce(raised));
        } catch (RejectedExecutionException e) {
            LOG.warning("alert " + raised.alert().id() + " not announced to the portal: " + e.getMessage());
        }
    }

    private void announce(AlertRaised raised) {
        String childId = raised.alert().childId();
        for (Map.Entry<String, String> inbox : open.entrySet()) {
            if (!raised.tenantId().equals(inbox.getValue())) {
                continue;
            }
            String userId = inbox.getKey();
            try {
                Optional<Caller> caller = accounts.callerWithId(userId);
                if (caller.isEmpty() || !raised.tenantId().equals(caller.get().tenantId())) {
                    open.remove(userId);
                    continue;
                }
                boolean watches =
                        callers.callAs(caller::get, "inbox-" + UUID.randomUUID(), () -> alerts.watches(childId));
                if (watches
                        && inboxes.send(MESSAGE, new PortalAlertPush.Inbox(userId, inbox.getValue()))
                                .isEmpty()) {
                    open.remove(userId);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "alert " + raised.alert().id() + " not announced to an inbox", e);
            }
        }
    }
}
