package org.zenmoon.application.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.zenmoon.application.NotAuthenticatedException;

/**
 * The caller of the current unit of work, bound once by its entry point: the HTTP filter for a request, the job
 * step for a job partition, the listener for a message. Services read it; nothing else decides who is calling.
 */
@ApplicationScoped
public class CallerContext {

    private static final ThreadLocal<Supplier<Caller>> BOUND = new ThreadLocal<>();

    /** @throws NotAuthenticatedException when no caller is bound, or the bound one could not be resolved */
    public Caller current() {
        Supplier<Caller> bound = BOUND.get();
        Caller caller = bound == null ? null : bound.get();
        if (caller == null) {
            throw new NotAuthenticatedException();
        }
        return caller;
    }

    /** Runs {@code work} for {@code caller}. */
    public <T> T callAs(Caller caller, Callable<T> work) throws Exception {
        return callAs(() -> caller, work);
    }

    /**
     * Runs {@code work} for the caller that {@code resolver} gives (or null: nobody), resolved at most once and
     * only if the work asks for it.
     */
    public <T> T callAs(Supplier<Caller> resolver, Callable<T> work) throws Exception {
        Supplier<Caller> previous = BOUND.get();
        BOUND.set(memoized(resolver));
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
