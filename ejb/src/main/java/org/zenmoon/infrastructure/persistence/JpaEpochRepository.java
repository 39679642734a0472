package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.zenmoon.analysis.epoch.EpochColumns;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.domain.model.epoch.EpochRepository;
import org.zenmoon.domain.model.epoch.SleepState;

@ApplicationScoped
public class JpaEpochRepository implements EpochRepository {

    /** A child's minutes after a time, in order, with what the analyses use. */
    private static final String WEARABLE = "SELECT t, activity, hr, stress, sleep_state FROM epoch"
            + " WHERE tenant_id = ? AND child_id = ? AND t > ? ORDER BY t";

    /** Rows per round trip: a week of minutes. */
    private static final int FETCH = 10_080;

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

    /**
     * One plain query on the transaction's connection (the tenant bound, row-level security on), its rows put
     * straight into columns ({@link EpochColumns}, some 1.8 MB for 60 days of minutes) instead of an object per row
     * and measure: the analysis jobs read every child's 60 days each night.
     */
    @Override
    public List<WearableEpoch> wearableEpochs(String childId, Instant after) {
        try (PreparedStatement q = TenantScopedQueries.connection(em).prepareStatement(WEARABLE)) {
            q.setFetchSize(FETCH);
            q.setString(1, TenantScopedQueries.tenant(em));
            q.setString(2, childId);
            q.setObject(3, after.atOffset(ZoneOffset.UTC));
            EpochColumns.Builder columns = EpochColumns.builder(FETCH);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    columns.add(
                            r.getObject(1, OffsetDateTime.class).toInstant(),
                            measure(r, 2),
                            measure(r, 3),
                            measure(r, 4),
                            asleep(r.getString(5)));
                }
            }
            return columns.build();
        } catch (SQLException e) {
            throw new PersistenceException("the child's epochs could not be read", e);
        }
    }

    /** A {@code real} measure, {@code NaN} when absent. */
    private static float measure(ResultSet r, int column) throws SQLException {
        float v = r.getFloat(column);
        return r.wasNull() ? Float.NaN : v;
    }

    @Override
    public int ensurePartitions(Instant from, Instant to) {
        return TenantScopedQueries.ensureEpochPartitions(em, from, to);
    }

    @Override
    public List<String> dropExpiredPartitions() {
        return TenantScopedQueries.dropExpiredEpochPartitions(em);
    }

    /** The device's own sleep state ({@code sleep_state}): unknown or missing is null, not awake. */
    private static Boolean asleep(String state) {
        if (SleepState.SLEEP.name().equals(state)) {
            return true;
        }
        return SleepState.WAKE.name().equals(state) ? Boolean.FALSE : null;
    }
}
