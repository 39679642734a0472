package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.consent.ConsentRepository;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationVector;
import org.zenmoon.domain.model.recommendation.VectorStore;
import org.zenmoon.domain.model.user.Role;

/**
 * The erasure asks a vector store outside the database to delete the child's vectors, after the child's rows, in the
 * caller's tenant, and the retention job's purge asks it for the child's situations from before the cut-off; the
 * database's own store goes with the rows and is not asked again.
 */
class ChildErasureTest {

    static final Caller ADMIN = new Caller("u1", "admin", "t1", Set.of(Role.TENANT_ADMIN));

    final List<String> calls = new ArrayList<>();

    /** How many old situations the outside store says the child has. */
    int outsideOld;

    /** A store that records what it is asked to erase. */
    VectorStore store(boolean inTheDatabase) {
        return new VectorStore() {
            @Override
            public void put(SituationVector v) {
                throw new AssertionError("the erasure stores nothing");
            }

            @Override
            public List<SimilarSituation> nearest(
                    String tenantId, String childId, float[] query, int k, boolean helpfulOnly) {
                throw new AssertionError("the erasure searches nothing");
            }

            @Override
            public void eraseChild(String tenantId, String childId) {
                calls.add("vectors " + tenantId + "/" + childId);
            }

            @Override
            public int purgeBefore(String tenantId, String childId, Instant cutoff) {
                calls.add("old vectors " + tenantId + "/" + childId + " before " + cutoff);
                return 3;
            }

            @Override
            public int countBefore(String tenantId, String childId, Instant cutoff) {
                calls.add("count old vectors " + tenantId + "/" + childId);
                return outsideOld;
            }

            @Override
            public String name() {
                return inTheDatabase ? "postgres" : "weaviate";
            }

            @Override
            public boolean erasedWithTheChildsRecords() {
                return inTheDatabase;
            }
        };
    }

    ChildErasure erasure(VectorStore store) {
        ChildErasure erasure = new ChildErasure();
        erasure.children = (ChildRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("summary")) {
                        return "c1".equals(args[1])
                                ? Optional.of(new ChildSummary("c1", "Otter", "h1", "Class", 2015, null))
                                : Optional.empty();
                    }
                    throw new AssertionError(m.getName());
                });
        erasure.records = (ChildRecordRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRecordRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("erase")) {
                        calls.add("rows " + args[0]);
                        return Map.of("situation_vector", 2, "child", 1);
                    }
                    throw new AssertionError(m.getName());
                });
        erasure.vectors = store;
        erasure.policy = new AccessPolicy();
        erasure.callers = new CallerContext();
        erasure.cache = new ResultCache(); // without JCache, as a server without a provider runs
        return erasure;
    }

    static final Instant CUTOFF = Instant.parse("2026-09-04T00:00:00Z");

    ChildDataDeletes deletes(VectorStore store) {
        ChildDataDeletes deletes = new ChildDataDeletes();
        deletes.records = (ChildRecordRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRecordRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("purgeBefore")) {
                        calls.add("rows " + args[0] + " before " + args[1]);
                        return Map.of("epoch", 1440);
                    }
                    throw new AssertionError(m.getName());
                });
        deletes.vectors = store;
        deletes.callers = new CallerContext();
        return deletes;
    }

    @Test
    void theRetentionPurgeAsksAnOutsideStoreForTheChildsOldSituationsAndCountsThem() throws Exception {
        ChildDataDeletes deletes = deletes(store(false));
        Map<String, Integer> purged = deletes.callers.callAs(ADMIN, () -> deletes.purgeBefore("c1", CUTOFF));
        assertThat(calls)
                .containsExactly(
                        "rows c1 before 2026-09-04T00:00:00Z", "old vectors t1/c1 before 2026-09-04T00:00:00Z");
        assertThat(purged).containsExactly(Map.entry("epoch", 1440), Map.entry("weaviate situations", 3));
    }

    @Test
    void theRetentionPurgeLeavesTheDatabasesOwnStoreToTheRows() throws Exception {
        ChildDataDeletes deletes = deletes(store(true));
        Map<String, Integer> purged = deletes.callers.callAs(ADMIN, () -> deletes.purgeBefore("c1", CUTOFF));
        assertThat(calls).containsExactly("rows c1 before 2026-09-04T00:00:00Z");
        assertThat(purged).containsExactly(Map.entry("epoch", 1440));
    }

    /** The retention's work for child c1, whose database rows are all newer than the cut-off. */
    ChildDataLifecycle.Done lifecycleWithoutOldRows(VectorStore store) throws Exception {
        ChildDataLifecycle lifecycle = new ChildDataLifecycle();
        lifecycle.records = (ChildRecordRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRecordRepository.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "lock":
                            return true;
                        case "hasRowsBefore":
                            return false;
                        case "purgeBefore":
                            calls.add("rows " + args[0] + " before " + args[1]);
                            return Map.of();
                        default:
                            throw new AssertionError(m.getName());
                    }
                });
        lifecycle.consents = (ConsentRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ConsentRepository.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "ofChild":
                            return List.of();
                        case "saveChanges":
                            return null;
                        default:
                            throw new AssertionError(m.getName());
                    }
                });
        lifecycle.deletes = deletes(store);
        lifecycle.vectors = store;
        lifecycle.callers = lifecycle.deletes.callers;
        lifecycle.clock = Clock.fixed(CUTOFF.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        return lifecycle.callers.callAs(ADMIN, () -> lifecycle.apply("c1", CUTOFF));
    }

    @Test
    void anOutsideStoresOldSituationsArePurgedEvenWhenTheDatabaseHasNoOldRows() throws Exception {
        // A situation is dated when it was answered, after its recommendation's row went: it must still go.
        outsideOld = 2;
        ChildDataLifecycle.Done done = lifecycleWithoutOldRows(store(false));
        assertThat(calls)
                .containsExactly(
                        "count old vectors t1/c1",
                        "rows c1 before 2026-09-04T00:00:00Z",
                        "old vectors t1/c1 before 2026-09-04T00:00:00Z");
        assertThat(done.rows()).containsEntry("weaviate situations", 3);
    }

    @Test
    void withNothingOldAnywhereNothingIsDeletedOrAudited() throws Exception {
        outsideOld = 0;
        assertThat(lifecycleWithoutOldRows(store(false)).total()).isZero();
        assertThat(calls).containsExactly("count old vectors t1/c1");
        outsideOld = 2;
        calls.clear();
        assertThat(lifecycleWithoutOldRows(store(true)).total()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void anOutsideStoreIsAskedToEraseTheChildsVectorsAfterItsRows() throws Exception {
        ChildErasure erasure = erasure(store(false));
        Map<String, Integer> deleted = erasure.callers.callAs(ADMIN, () -> erasure.erase("c1"));
        assertThat(calls).containsExactly("rows c1", "vectors t1/c1");
        assertThat(deleted).containsEntry("child", 1);
    }

    @Test
    void theDatabasesOwnStoreGoesWithTheRows() throws Exception {
        ChildErasure erasure = erasure(store(true));
        erasure.callers.callAs(ADMIN, () -> erasure.erase("c1"));
        assertThat(calls).containsExactly("rows c1");
    }

    @Test
    void anUnknownChildErasesNothingAnywhere() {
        ChildErasure erasure = erasure(store(false));
        assertThatThrownBy(() -> erasure.callers.callAs(ADMIN, () -> erasure.erase("c9")))
                .isInstanceOf(NotFoundException.class);
        assertThat(calls).isEmpty();
    }
}
