package org.zenmoon.application.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.zenmoon.application.NotAuthenticatedException;

/**
 * The caller of the current unit of work, bound once by its entry point: the HTTP filter for a request, the job
 * step for a job partition, the listener for a message. Services read it; nothing else decides who is calling.
 * The entry point also names the unit of work (the request's {@code X-Request-Id}, or the job execution), so that
 * the audit trail can tie each row to it.
 */
@ApplicationScoped
public class CallerContext {

    private record Binding(Supplier<Caller> caller, String requestId) {}

    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();

    /** @throws NotAuthenticatedException when no caller is bound, or the bound one could not be resolved */
    public Caller current() {
        Binding bound = BOUND.get();
        Caller caller = bound == null ? null : bound.caller().get();
        if (caller == null) {
            throw new NotAuthenticatedException();
        }
        return caller;
    }

    /** The id of the current request or job execution, if its entry point gave one. */
    public Optional<String> requestId() {
        Binding bound = BOUND.get();
        return Optional.ofNullable(bound == null ? null : bound.requestId());
    }

    /** Runs {@code work} for {@code caller}, in the current request (if any). */
    public <T> T callAs(Caller caller, Callable<T> work) throws Exception {
        return callAs(() -> caller, work);
    }

    /**
     * Runs {@code work} for the caller that {@code resolver} gives (or null: nobody), resolved at most once and
     * only if the work asks for it, in the current request (if any).
     */
    public <T> T callAs(Supplier<Caller> resolver, Callable<T> work) throws Exception {
        return callAs(resolver, requestId().orElse(null), work);
    }

    /** Runs {@code work} for the caller that {@code resolver} gives, as the unit of work {@code requestId}. */
    public <T> T callAs(Supplier<Caller> resolver, String requestId, Callable<T> work) throws Exception {
        Binding previous = BOUND.get();
        BOUND.set(new Binding(memoized(resolver), requestId));
        try {
            return work.call();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    private static Supplier<Caller> memoized(Supplier<Caller> resolver) {
        return new Supplier<>() {
            private boolean resolved;
            private Caller caller;

            @Override
            public Caller get() {
                if (!resolved) {
                    caller = resolver.get();
                    resolved = true;
                }
                return caller;
            }
        };
    }
}
