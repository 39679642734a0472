package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.domain.model.epoch.EpochRepository;
import org.zenmoon.domain.model.epoch.SleepState;

@ApplicationScoped
public class JpaEpochRepository implements EpochRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<Instant> latest(String childId) {
        return em.createQuery("SELECT e.t FROM Epoch e WHERE e.childId = :c ORDER BY e.t DESC", Instant.class)
                .setParameter("c", childId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<WearableEpoch> wearableEpochs(String childId, Instant after) {
        return em.createQuery(
                        "SELECT e.t, e.activity, e.hr, e.stress, e.sleep FROM Epoch e "
                                + "WHERE e.childId = :c AND e.t > :from ORDER BY e.t",
                        Object[].class)
                .setParameter("c", childId)
                .setParameter("from", after)
                .getResultStream()
                .map(r -> new WearableEpoch(
                        (Instant) r[0],
                        TenantScopedQueries.number(r[1]),
                        TenantScopedQueries.number(r[2]),
                        TenantScopedQueries.number(r[3]),
                        asleep((SleepState) r[4])))
                .toList();
    }

    @Override
    public int ensurePartitions(Instant from, Instant to) {
        return TenantScopedQueries.ensureEpochPartitions(em, from, to);
    }

    @Override
    public List<String> dropExpiredPartitions() {
        return TenantScopedQueries.dropExpiredEpochPartitions(em);
    }

    /** The device's own sleep state: unknown or missing is null, not awake. */
    private static Boolean asleep(SleepState state) {
        if (state == SleepState.SLEEP) {
            return true;
        }
        return state == SleepState.WAKE ? Boolean.FALSE : null;
    }
}
