package org.zenmoon.interfaces.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.AlertView;
import org.zenmoon.application.Alerts;
import org.zenmoon.application.ForbiddenException;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.alert.AlertRaised;
import org.zenmoon.interfaces.rest.AlertJson;
import org.zenmoon.interfaces.security.ApiTokens;

/**
 * The open alert sockets and what each may hear. A socket's caller is its handshake's account, checked against the
 * account again (log-out, disabling, new roles) and against the token's expiry before every push; the children it
 * watches are those it saw when it opened ({@link Alerts#watchedChildren}), and an alert of any other child of its
 * tenant is checked as that caller ({@link Alerts#watches}), so that a child linked to the account later is heard
 * without a reconnect. Each push is read through {@link Alerts#pushed} as that caller, which checks the child again
 * and audits the read; a child the caller no longer sees leaves the watched set. Alerts are announced after
 * their upload commits; the observer only queues them, and one sender thread does the reading and the asynchronous
 * sends, so an upload never waits for a socket. A socket whose send fails is dropped; once a minute, closed sockets
 * are forgotten and those whose token has expired are closed (1008).
 */
@ApplicationScoped
public class AlertFeed {

    private static final Logger LOG = Logger.getLogger(AlertFeed.class.getName());

    /** Alerts waiting for the sender; more are dropped (and logged): the app fetches them when it reconnects. */
    static final int QUEUE = 1_000;

    /** One open socket: its session, whose token it came with, and the children it watches (a concurrent set). */
    record Listener(
            Session session,
            String userId,
            String tenantId,
            int tokenVersion,
            Instant expiresAt,
            Set<String> children) {}

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    @Inject
    CallerContext callers;

    @Inject
    Accounts accounts;

    @Inject
    Alerts alerts;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private ExecutorService sender;
    private ScheduledExecutorService sweeper;

    @PostConstruct
    void start() {
        sender = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), threads, (work, pool) -> {
                    throw new RejectedExecutionException("the alert feed's queue is full");
                });
        sweeper = Executors.newSingleThreadScheduledExecutor(threads);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** Once a minute: forgets closed sockets, and closes those whose token has expired (the client reconnects). */
    private void sweep() {
        Instant now = clock.instant();
        for (Listener l : listeners.values()) {
            if (!l.session().isOpen()) {
                listeners.remove(l.session().getId());
            } else if (!now.isBefore(l.expiresAt())) {
                violated(l.session(), "The access token has expired: reconnect with a new one.");
            }
        }
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
        sender.shutdownNow();
        listeners.values().forEach(l -> close(l.session(), CloseReason.CloseCodes.GOING_AWAY, "Server stopping."));
        listeners.clear();
    }

    /** A socket opened: who it is, and the children it watches; closed with 1008 when its caller may watch none. */
    void open(Session session) {
        Principal principal = session.getUserPrincipal();
        if (!(session.getUserProperties().get(BearerSubprotocol.TOKEN) instanceof ApiTokens.Verified token)
                || principal == null
                || !principal.getName().equals(token.userId())) {
            violated(session, "Send a valid access token as the subprotocols bearer, TOKEN.");
            return;
        }
        Optional<Caller> caller = accounts.callerWithToken(token.userId(), token.tokenVersion());
        if (caller.isEmpty() || caller.get().tenantId() == null) {
            violated(session, "The access token is invalid, has expired or has been revoked.");
            return;
        }
        Set<String> children;
        try {
            children = callers.callAs(() -> caller.get(), unitOfWork(), alerts::watchedChildren);
        } catch (ForbiddenException e) {
            violated(session, "This account sees no children's alerts.");
            return;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not open an alert socket", e);
            close(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Try again later.");
            return;
        }
        Set<String> watched = ConcurrentHashMap.newKeySet();
        watched.addAll(children);
        listeners.put(
                session.getId(),
                new Listener(
                        session,
                        token.userId(),
                        caller.get().tenantId(),
                        token.tokenVersion(),
                        token.expiresAt(),
                        watched));
    }

    void close(Session session) {
        listeners.remove(session.getId());
    }

    /** Queues a committed alert for the sockets of its tenant; never holds the upload up. */
    void raised(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertRaised raised) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> deliver(raised));
        } catch (RejectedExecutionException e) {
            LOG.warning("alert " + raised.alert().id() + " not pushed: " + e.getMessage());
        }
    }

    private void deliver(AlertRaised raised) {
        String childId = raised.alert().childId();
        for (Listener l : listeners.values()) {
            if (!l.tenantId().equals(raised.tenantId())) {
                continue;
            }
            try {
                push(l, childId, raised.alert().id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "alert " + raised.alert().id() + " not pushed to a socket", e);
            }
        }
    }

    private void push(Listener l, String childId, String alertId) {
        Session session = l.session();
        if (!session.isOpen()) {
            listeners.remove(session.getId());
            return;
        }
        if (!clock.instant().isBefore(l.expiresAt())) {
            violated(session, "The access token has expired: reconnect with a new one.");
            return;
        }
        Optional<Caller> caller = accounts.callerWithToken(l.userId(), l.tokenVersion());
        if (caller.isEmpty()) {
            violated(session, "The access token has been revoked.");
            return;
        }
        AlertView view;
        try {
            if (!l.children().contains(childId)) {
                // Not seen when the socket opened: linked since, or never; asked under the same rule, unaudited.
                if (!callers.callAs(() -> caller.get(), unitOfWork(), () -> alerts.watches(childId))) {
                    return;
                }
                l.children().add(childId);
            }
            view = callers.callAs(() -> caller.get(), unitOfWork(), () -> alerts.pushed(childId, alertId));
        } catch (NotFoundException e) {
            // The caller no longer sees the child (the read is audited as not found); asked again if it comes back.
            l.children().remove(childId);
            return;
        } catch (ForbiddenException e) {
            violated(session, "This account sees no children's alerts.");
            return;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        session.getAsyncRemote().sendText(AlertJson.of(view).toString(), result -> {
            if (!result.isOK()) {
                listeners.remove(session.getId());
                close(session, CloseReason.CloseCodes.GOING_AWAY, "Send failed.");
            }
        });
    }

    /** Each socket's open and each push is a unit of work of its own in the audit trail. */
    private static String unitOfWork() {
        return "ws-" + UUID.randomUUID();
    }

    private void violated(Session session, String reason) {
        listeners.remove(session.getId());
        close(session, CloseReason.CloseCodes.VIOLATED_POLICY, reason);
    }

    private static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | RuntimeException e) {
            // Gone already: nothing to tell it.
        }
    }
}
