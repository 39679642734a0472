package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.user.Role;

/**
 * The result cache on a real JCache provider, the Hazelcast that Payara ships (a member of its own, on the loopback,
 * that joins nobody): a second read comes from the cache, a tenant never gets another's answer, a change goes after
 * its commit (not after a rollback) for the child and its cohort, an answer read before a change is never served
 * after it, entries expire, and without a cache every read goes to the database.
 */
class ResultCacheTest {

    static final Caller SCHOOL = new Caller("u1", "school.admin", "t1", Set.of(Role.TENANT_ADMIN));
    static final Caller CLINIC = new Caller("u2", "clinic.admin", "t2", Set.of(Role.TENANT_ADMIN));

    static HazelcastInstance member;
    static CacheManager manager;

    /** The children the repository knows, with their cohorts: oak has c1 and c2, birch has c3. */
    static final Map<String, String> COHORT_OF = Map.of("c1", "oak", "c2", "oak", "c3", "birch");

    @BeforeAll
    static void startAMemberOfItsOwn() {
        Config config = new Config()
                .setClusterName("zenmoon-test-" + UUID.randomUUID())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "jdk")
                .setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        member = Hazelcast.newHazelcastInstance(config);
        CachingProvider provider = Caching.getCachingProvider(HazelcastCachingProvider.MEMBER_CACHING_PROVIDER);
        manager = provider.getCacheManager(
                null,
                ResultCacheTest.class.getClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(member));
    }

    @AfterAll
    static void stop() {
        manager.close();
        member.shutdown();
    }

    final CallerContext callers = new CallerContext();

    /** A cache on a fresh pair of caches (each test its own names' contents: the caches are cleared). */
    ResultCache cache(long ttlSeconds) {
        ResultCache cache = new ResultCache();
        cache.callers = callers;
        cache.enabled = true;
        cache.ttlSeconds = ttlSeconds;
        cache.children = (ChildRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("find")) {
                        String cohort = COHORT_OF.get((String) args[0]);
                        return cohort == null
                                ? Optional.empty()
                                : Optional.of(new Child((String) args[0], "P-" + args[0], 2016, cohort));
                    }
                    throw new AssertionError(m.getName());
                });
        if (manager.getCache(ResultCache.RESULTS, String.class, String.class) != null) {
            manager.destroyCache(ResultCache.RESULTS);
            manager.destroyCache(ResultCache.GENERATIONS);
        }
        cache.open(manager, "Hazelcast (test)");
        return cache;
    }

    /** What "the database" answers, and how often it was asked. */
    final AtomicInteger reads = new AtomicInteger();

    String database(String answer) {
        reads.incrementAndGet();
        return answer;
    }

    <T> T as(Caller caller, Callable<T> work) throws Exception {
        return callers.callAs(caller, work);
    }

    @Test
    void aSecondReadComesFromTheCache() throws Exception {
        ResultCache cache = cache(600);
        String first = as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("{\"v\":1}")));
        String second = as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("{\"v\":2}")));
        assertThat(first).isEqualTo("{\"v\":1}");
        assertThat(second).isEqualTo("{\"v\":1}");
        assertThat(reads).hasValue(1);
        assertThat(cache.state().hits()).isEqualTo(1);
        assertThat(cache.state().misses()).isEqualTo(1);
        assertThat(cache.state().enabled()).isTrue();
    }

    @Test
    void anotherTenantNeverGetsTheAnswerOfAChildWithTheSameId() throws Exception {
        ResultCache cache = cache(600);
        as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("school's")));
        String clinics = as(CLINIC, () -> cache.ofChild("c1", "forecast-stress", () -> database("clinic's")));
        assertThat(clinics).isEqualTo("clinic's");
        assertThat(reads).hasValue(2);
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("again"))))
                .isEqualTo("school's");
    }

    @Test
    void aChangeForAChildRenewsItsAnswersAndItsCohortsButNoOtherCohorts() throws Exception {
        ResultCache cache = cache(600);
        as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("old forecast")));
        as(SCHOOL, () -> cache.ofChild("c2", "forecast-stress", () -> database("c2 forecast")));
        as(SCHOOL, () -> cache.ofCohort("oak", "summary", () -> database("old oak")));
        as(SCHOOL, () -> cache.ofCohort("birch", "summary", () -> database("birch")));
        assertThat(reads).hasValue(4);

        as(SCHOOL, () -> {
            cache.childChanged("c1");
            return null;
        });

        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("new forecast"))))
                .isEqualTo("new forecast");
        assertThat(as(SCHOOL, () -> cache.ofCohort("oak", "summary", () -> database("new oak"))))
                .isEqualTo("new oak");
        assertThat(reads).hasValue(6);
        assertThat(as(SCHOOL, () -> cache.ofChild("c2", "forecast-stress", () -> database("unasked"))))
                .isEqualTo("c2 forecast");
        assertThat(as(SCHOOL, () -> cache.ofCohort("birch", "summary", () -> database("unasked"))))
                .isEqualTo("birch");
        assertThat(reads).hasValue(6);
        assertThat(cache.state().invalidations()).isEqualTo(2);
    }

    @Test
    void aChildThatIsGoneRenewsEveryAnswerOfItsTenantOnly() throws Exception {
        ResultCache cache = cache(600);
        as(SCHOOL, () -> cache.ofCohort("birch", "summary", () -> database("school birch")));
        as(CLINIC, () -> cache.ofCohort("birch", "summary", () -> database("clinic birch")));
        as(SCHOOL, () -> {
            cache.childChanged("erased-child");
            return null;
        });
        assertThat(as(SCHOOL, () -> cache.ofCohort("birch", "summary", () -> database("school birch 2"))))
                .isEqualTo("school birch 2");
        assertThat(as(CLINIC, () -> cache.ofCohort("birch", "summary", () -> database("unasked"))))
                .isEqualTo("clinic birch");
    }

    @Test
    void anAnswerReadBeforeAChangeCommittedIsNotServedAfterIt() throws Exception {
        ResultCache cache = cache(600);
        // The upload commits while the read is at the database: what it read is older than the commit.
        String raced = as(
                SCHOOL,
                () -> cache.ofChild("c1", "forecast-stress", () -> {
                    cache.childChanged("c1");
                    return database("read before the commit");
                }));
        assertThat(raced).isEqualTo("read before the commit");
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("after the commit"))))
                .isEqualTo("after the commit");
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("unasked"))))
                .isEqualTo("after the commit");
        assertThat(reads).hasValue(2);
    }

    /** A transaction that the test commits or rolls back. */
    static final class Transaction implements TransactionSynchronizationRegistry {
        final List<Synchronization> synchronizations = new ArrayList<>();

        void end(int status) {
            synchronizations.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {}

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void setRollbackOnly() {}

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    @Test
    void aChangeCountsOnceItsTransactionCommitsAndNotIfItRollsBack() throws Exception {
        ResultCache cache = cache(600);
        as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("stored")));

        Transaction rolledBack = new Transaction();
        cache.transactions = rolledBack;
        as(SCHOOL, () -> {
            cache.childChanged("c1");
            return null;
        });
        rolledBack.end(Status.STATUS_ROLLEDBACK);
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("unasked"))))
                .isEqualTo("stored");

        Transaction committed = new Transaction();
        cache.transactions = committed;
        as(SCHOOL, () -> {
            cache.childChanged("c1");
            return null;
        });
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("unasked"))))
                .as("before the commit")
                .isEqualTo("stored");
        committed.end(Status.STATUS_COMMITTED);
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("committed"))))
                .isEqualTo("committed");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aNewChildRenewsItsCohortAndAZoneChangeTheWholeTenant() throws Exception {
        ResultCache cache = cache(600);
        as(SCHOOL, () -> cache.ofCohort("oak", "summary", () -> database("oak")));
        as(SCHOOL, () -> cache.ofChild("c3", "forecast-sleep", () -> database("c3")));
        as(SCHOOL, () -> {
            cache.cohortChanged("oak");
            return null;
        });
        assertThat(as(SCHOOL, () -> cache.ofCohort("oak", "summary", () -> database("oak 2"))))
                .isEqualTo("oak 2");
        assertThat(as(SCHOOL, () -> cache.ofChild("c3", "forecast-sleep", () -> database("unasked"))))
                .isEqualTo("c3");
        as(SCHOOL, () -> {
            cache.tenantChanged();
            return null;
        });
        assertThat(as(SCHOOL, () -> cache.ofCohort("oak", "summary", () -> database("oak 3"))))
                .isEqualTo("oak 3");
        assertThat(as(SCHOOL, () -> cache.ofChild("c3", "forecast-sleep", () -> database("c3 again"))))
                .isEqualTo("c3 again");
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() throws Exception {
        ResultCache cache = cache(1);
        as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("first")));
        Thread.sleep(1_500);
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("after expiry"))))
                .isEqualTo("after expiry");
        assertThat(reads).hasValue(2);
    }

    @Test
    void switchedOffEveryReadGoesToTheDatabase() throws Exception {
        ResultCache cache = new ResultCache();
        cache.callers = callers;
        cache.enabled = false;
        cache.ttlSeconds = 600;
        cache.open();
        assertThat(cache.state().enabled()).isFalse();
        assertThat(cache.state().provider()).startsWith("off");
        as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("one")));
        as(SCHOOL, () -> {
            cache.childChanged("c1");
            return null;
        });
        assertThat(as(SCHOOL, () -> cache.ofChild("c1", "forecast-stress", () -> database("two"))))
                .isEqualTo("two");
        assertThat(reads).hasValue(2);
        assertThat(cache.state().hits()).isZero();
    }
}
