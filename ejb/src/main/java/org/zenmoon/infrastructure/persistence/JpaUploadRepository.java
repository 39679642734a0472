package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zenmoon.domain.model.device.UploadRepository;
import org.zenmoon.domain.model.device.UploadedBatch;
import org.zenmoon.domain.model.epoch.EpochRecord;

@ApplicationScoped
public class JpaUploadRepository implements UploadRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public boolean lockChild(String childId) {
        return !nativeQuery(em, "SELECT 1 FROM child WHERE tenant_id = ?1 AND id = ?2 FOR KEY SHARE")
                .setParameter(2, childId)
                .getResultList()
                .isEmpty();
    }

    @Override
    public boolean claim(UploadedBatch b) {
        return nativeQuery(
                                em,
                                "INSERT INTO ingest_batch (tenant_id, device_id, batch_id, child_id, channel, received_at,"
                                        + " phone_sent_at, clock_skew_seconds, clock_skew_flagged, first_t, last_t, items,"
                                        + " accepted, duplicates) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7::timestamptz,"
                                        + " ?8::integer, ?9, ?10::timestamptz, ?11::timestamptz, ?12, ?13, ?14)"
                                        + " ON CONFLICT DO NOTHING")
                        .setParameter(2, b.deviceId())
                        .setParameter(3, b.batchId())
                        .setParameter(4, b.childId())
                        .setParameter(5, b.channel())
                        .setParameter(6, timestamp(b.receivedAt()))
                        .setParameter(7, timestamp(b.phoneSentAt()))
                        .setParameter(8, b.clockSkewSeconds())
                        .setParameter(9, b.clockSkewFlagged())
                        .setParameter(10, timestamp(b.firstT()))
                        .setParameter(11, timestamp(b.lastT()))
                        .setParameter(12, b.items())
                        .setParameter(13, b.accepted())
                        .setParameter(14, b.duplicates())
                        .executeUpdate()
                == 1;
    }

    @Override
    public void complete(String deviceId, String batchId, int accepted, int duplicates) {
        nativeQuery(
                        em,
                        "UPDATE ingest_batch SET accepted = ?4, duplicates = ?5"
                                + " WHERE tenant_id = ?1 AND device_id = ?2 AND batch_id = ?3")
                .setParameter(2, deviceId)
                .setParameter(3, batchId)
                .setParameter(4, accepted)
                .setParameter(5, duplicates)
                .executeUpdate();
    }

    @Override
    public Optional<UploadedBatch> find(String deviceId, String batchId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT child_id, channel, received_at, phone_sent_at, clock_skew_seconds, clock_skew_flagged,"
                                + " first_t, last_t, items, accepted, duplicates FROM ingest_batch"
                                + " WHERE tenant_id = ?1 AND device_id = ?2 AND batch_id = ?3")
                .setParameter(2, deviceId)
                .setParameter(3, batchId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new UploadedBatch(
                        deviceId,
                        batchId,
                        (String) r[0],
                        (String) r[1],
                        instant(r[2]),
                        instant(r[3]),
                        r[4] == null ? null : ((Number) r[4]).intValue(),
                        (Boolean) r[5],
                        instant(r[6]),
                        instant(r[7]),
                        ((Number) r[8]).intValue(),
                        ((Number) r[9]).intValue(),
                        ((Number) r[10]).intValue()));
    }

    @Override
    public List<EpochRecord> insertEpochs(String childId, String deviceId, List<EpochRecord> epochs) {
        if (epochs.isEmpty()) {
            return List.of();
        }
        try {
            return EpochBulkInsert.insert(
                    TenantScopedQueries.connection(em), TenantScopedQueries.tenant(em), childId, deviceId, epochs);
        } catch (SQLException e) {
            throw new PersistenceException("epochs could not be stored", e);
        }
    }

    @Override
    public List<EpochRecord> insertOrCompleteEpochs(String childId, String deviceId, List<EpochRecord> epochs) {
        if (epochs.isEmpty()) {
            return List.of();
        }
        try {
            return EpochBulkInsert.insertOrComplete(
                    TenantScopedQueries.connection(em), TenantScopedQueries.tenant(em), childId, deviceId, epochs);
        } catch (SQLException e) {
            throw new PersistenceException("epochs could not be stored", e);
        }
    }

    @Override
    public int insertEpisodes(String childId, List<Episode> episodes) {
        int inserted = 0;
        for (Episode e : episodes) {
            inserted += nativeQuery(
                            em,
                            "INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source)"
                                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                    .setParameter(2, UUID.randomUUID().toString())
                    .setParameter(3, childId)
                    .setParameter(4, timestamp(e.onset()))
                    .setParameter(5, timestamp(e.wake()))
                    .setParameter(6, e.source())
                    .executeUpdate();
        }
        return inserted;
    }

    @Override
    public int insertEvents(String childId, List<Event> events) {
        int inserted = 0;
        for (Event e : events) {
            inserted += nativeQuery(
                            em,
                            "INSERT INTO child_event (tenant_id, id, child_id, type, start_t, end_t, source)"
                                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                    .setParameter(2, UUID.randomUUID().toString())
                    .setParameter(3, childId)
                    .setParameter(4, e.type())
                    .setParameter(5, timestamp(e.start()))
                    .setParameter(6, timestamp(e.end()))
                    .setParameter(7, e.source())
                    .executeUpdate();
        }
        return inserted;
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
