package org.zenmoon.batch.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Drives the job recovery (every half minute), the nightly schedule (every quarter hour, on the quarter) and the
 * starts that requests ask for ({@link #soon}) from a container-managed thread with no transaction. Not EJB timers: a timer callback runs inside a transaction, and the
 * batch runtime, whose own repository connection cannot join a transaction that holds ZenMoon's (two non-XA
 * resources), stays broken until restart when it is first used there.
 */
@ApplicationScoped
public class JobTimers {

    private static final Logger LOG = Logger.getLogger(JobTimers.class.getName());

    @Inject
    JobRecovery recovery;

    @Inject
    NightlySchedule nightly;

    @Inject
    Clock clock;

    private ScheduledExecutorService timer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) throws NamingException {
        // Looked up, not injected: Payara Server does not inject @Resource fields of a library jar inside the WAR.
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        timer = Executors.newSingleThreadScheduledExecutor(threads);
        timer.scheduleWithFixedDelay(() -> safely("job recovery", recovery::look), 20, 30, TimeUnit.SECONDS);
        long quarter = NightlySchedule.WINDOW.toMillis();
        long untilNextQuarter = quarter - clock.millis() % quarter;
        timer.scheduleAtFixedRate(
                () -> safely("nightly schedule", nightly::look), untilNextQuarter, quarter, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} soon on the timer's thread, outside the caller's transaction (a start asked for by a request,
     * such as a retraining after feedback).
     */
    void soon(String what, Runnable work) {
        if (timer == null) {
            LOG.warning(() -> what + " was asked for before the timers started: not run");
            return;
        }
        timer.execute(() -> safely(what, work));
    }

    private static void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // A failed look must not end the timer: the next one tries again.
            LOG.log(Level.WARNING, "{0} failed: {1}", new Object[] {what, e.toString()});
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
