package org.zenmoon.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;

/**
 * The one place that keeps the answers the API serves most, a child's stored forecast and a cohort's summary, in
 * JCache (JSR-107: Payara's Hazelcast), so that a repeated read does not go to the database.
 *
 * <p>It sits behind the access check and the audit: only the services that answer such a read
 * ({@link ChildResults#forecast}, {@link CohortOverview#summary}) call it, after they have checked that the caller
 * sees the child or cohort, and inside the call the audit interceptor records, so that an answer from the cache is
 * refused, allowed and audited exactly as one from the database. Keys start with the tenant; values are the answers'
 * JSON text, never entities.
 *
 * <p>Entries expire {@code zenmoon.cache.results.ttl-seconds} after they were stored, and are invalidated before that
 * when what they were made from changes: a child's upload, a job's results for it, its erasure or retention, and its
 * consents invalidate its forecasts and its cohort's summary; a new child its cohort's summary; the tenant's settings
 * everything of the tenant. Invalidation works by generations: every entry carries the generation of its tenant and
 * of its child (or cohort) as they were before its answer was read from the database, and counts only while both are
 * still current. A change draws a new generation once its transaction has committed, so an answer read before the
 * commit, even one stored after it, is never served again. A generation that was lost (evicted, expired) is drawn
 * afresh, which invalidates too.
 *
 * <p>Without a JCache provider (or with {@code zenmoon.cache.results.enabled=false}) every read goes to the database;
 * the server says so once at start, and {@code /health/ready} reports it.
 */
@ApplicationScoped
public class ResultCache {

    static final String RESULTS = "zenmoon-results";
    static final String GENERATIONS = "zenmoon-result-generations";

    private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());

    /** What the cache does, for readiness: on or off (and why), and this server's counts since it started. */
    public record State(
            boolean enabled, String provider, long ttlSeconds, long hits, long misses, long invalidations) {}

    @Inject
    CallerContext callers;

    @Inject
    ChildRepository children;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "zenmoon.cache.results.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "zenmoon.cache.results.ttl-seconds", defaultValue = "600")
    long ttlSeconds;

    private volatile Cache<String, String> results;
    private volatile Cache<String, Long> generations;
    private volatile String provider = "off";
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /** Opens the caches when the application starts, so that the log says at once whether results are cached. */
    void atStartUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        state();
    }

    @PostConstruct
    void open() {
        if (!enabled) {
            provider = "off: zenmoon.cache.results.enabled=false";
            LOG.info("Result cache off (zenmoon.cache.results.enabled=false): forecasts and cohort summaries are read"
                    + " from the database on every request");
            return;
        }
        try {
            open(payaraCacheManager(), "Payara's Hazelcast");
        } catch (RuntimeException | LinkageError e) {
            results = null;
            generations = null;
            provider = "off: no JCache provider (" + e.getClass().getSimpleName() + ")";
            LOG.warning(() -> "Result cache off, no JCache provider could be used (" + e
                    + "): forecasts and cohort summaries are read from the database on every request");
        }
    }

    /** Opens (or creates) the two caches in {@code manager}; the tests give their own provider's manager. */
    void open(CacheManager manager, String name) {
        results = cache(manager, RESULTS, String.class, ttlSeconds);
        // Generations outlive the entries they check; one that expires anyway is drawn afresh, which only invalidates.
        generations = cache(manager, GENERATIONS, Long.class, Math.max(ttlSeconds, TimeUnit.DAYS.toSeconds(1)));
        provider = name;
        LOG.info(() -> "Result cache on (" + name + ", entries expire after " + ttlSeconds + " s): forecasts and"
                + " cohort summaries are served from JCache until new data or results for them arrive");
    }

    @PreDestroy
    void close() {
        results = null;
        generations = null;
    }

    private static CacheManager payaraCacheManager() {
        try {
            return (CacheManager) new InitialContext().lookup("payara/CacheManager");
        } catch (NamingException e) {
            // Not Payara (or its Hazelcast is off): whichever provider the class path offers, if any.
            return Caching.getCachingProvider().getCacheManager();
        }
    }

    private static <V> Cache<String, V> cache(CacheManager manager, String name, Class<V> type, long ttl) {
        Cache<String, V> existing = manager.getCache(name, String.class, type);
        if (existing != null) {
            return existing;
        }
        MutableConfiguration<String, V> config = new MutableConfiguration<String, V>()
                .setTypes(String.class, type)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, ttl)));
        try {
            return manager.createCache(name, config);
        } catch (javax.cache.CacheException alreadyMade) {
            // Another instance of the grid made it meanwhile.
            return manager.getCache(name, String.class, type);
        }
    }

    public State state() {
        return new State(results != null, provider, ttlSeconds, hits.get(), misses.get(), invalidations.get());
    }

    /** The child's answer named {@code what}: from the cache while current, else {@code load}ed and kept. */
    String ofChild(String childId, String what, Supplier<String> load) {
        if (results == null) {
            return load.get();
        }
        String tenant = callers.current().tenantId();
        return answer("child|" + tenant + '|' + childId + '|' + what, tenant, childScope(tenant, childId), load);
    }

    /** The cohort's answer named {@code what}: from the cache while current, else {@code load}ed and kept. */
    String ofCohort(String cohortId, String what, Supplier<String> load) {
        if (results == null) {
            return load.get();
        }
        String tenant = callers.current().tenantId();
        return answer("cohort|" + tenant + '|' + cohortId + '|' + what, tenant, cohortScope(tenant, cohortId), load);
    }

    /**
     * New epochs, results, consents or an erasure for the child: its answers and its cohort's go once the current
     * transaction commits. Call it while the child still exists (before an erasure), so that its cohort is known;
     * otherwise everything of the tenant goes.
     */
    void childChanged(String childId) {
        if (results == null) {
            return;
        }
        String tenant = callers.current().tenantId();
        String cohort = children.find(childId).map(Child::getCohortId).orElse(null);
        afterCommit(() -> {
            renew(childScope(tenant, childId));
            renew(cohort == null ? tenantScope(tenant) : cohortScope(tenant, cohort));
        });
    }

    /** A change to the cohort as a whole (a new child): its answers go once the transaction commits. */
    void cohortChanged(String cohortId) {
        if (results == null) {
            return;
        }
        String tenant = callers.current().tenantId();
        afterCommit(() -> renew(cohortScope(tenant, cohortId)));
    }

    /** A change to the whole tenant (its time zone): every answer of the tenant goes once the transaction commits. */
    void tenantChanged() {
        if (results == null) {
            return;
        }
        String tenant = callers.current().tenantId();
        afterCommit(() -> renew(tenantScope(tenant)));
    }

    private String answer(String key, String tenant, String scope, Supplier<String> load) {
        Cache<String, String> cache = results;
        if (cache == null) {
            return load.get();
        }
        long tenantGeneration;
        long scopeGeneration;
        try {
            tenantGeneration = generation(tenantScope(tenant));
            scopeGeneration = generation(scope);
            String stored = cache.get(key);
            String prefix = tenantGeneration + ":" + scopeGeneration + ":";
            if (stored != null && stored.startsWith(prefix)) {
                hits.incrementAndGet();
                return stored.substring(prefix.length());
            }
        } catch (RuntimeException e) {
            failed(e);
            return load.get();
        }
        misses.incrementAndGet();
        // The generations were read before the database: a change that commits after this read renews them, and
        // the entry stored below no longer counts.
        String answer = load.get();
        try {
            cache.put(key, tenantGeneration + ":" + scopeGeneration + ":" + answer);
        } catch (RuntimeException e) {
            failed(e);
        }
        return answer;
    }

    private long generation(String scope) {
        Long current = generations.get(scope);
        if (current != null) {
            return current;
        }
        generations.putIfAbsent(scope, fresh());
        return generations.get(scope);
    }

    private void renew(String scope) {
        try {
            generations.put(scope, fresh());
            invalidations.incrementAndGet();
        } catch (RuntimeException e) {
            // Its entries then live out their time to live: say so, since they may be older than the database.
            LOG.log(
                    Level.WARNING,
                    "Result cache: could not invalidate " + scope.substring(0, scope.indexOf('|'))
                            + " answers; they expire within " + ttlSeconds + " s",
                    e);
        }
    }

    /** Runs {@code renewal} once the current transaction has committed (not at all if it rolls back), else now. */
    private void afterCommit(Runnable renewal) {
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            renewal.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    renewal.run();
                }
            }
        });
    }

    private void failed(RuntimeException e) {
        if (failureLogged.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Result cache failed; reading from the database instead (logged once)", e);
        }
    }

    private static long fresh() {
        return ThreadLocalRandom.current().nextLong();
    }

    private static String tenantScope(String tenant) {
        return "tenant|" + tenant;
    }

    private static String childScope(String tenant, String childId) {
        return "child|" + tenant + '|' + childId;
    }

    private static String cohortScope(String tenant, String cohortId) {
        return "cohort|" + tenant + '|' + cohortId;
    }
}
