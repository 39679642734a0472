package org.zenmoon.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The one way epochs enter the database, for uploads and for the demo data alike. Per child, under a lock that
 * serialises the child's writers until the transaction ends: one query finds which of the minutes are stored
 * already (they stay as they are and count as duplicates), then one plain {@code INSERT} per few thousand new
 * minutes, each measure sent as one array ({@code unnest}). Never a round trip per row.
 *
 * <p>Why not the obvious alternatives (measured; {@code docs/BENCHMARKS.md}): {@code COPY FROM} is refused into a
 * table with row-level security for a role that meets it, which the server's role does (V3); and
 * {@code INSERT ... ON CONFLICT DO NOTHING} inserts each row speculatively, which took twice as long as a plain
 * insert of the same rows. The lock makes the plain insert safe: no other writer adds the child's minutes between
 * the look-up and the insert.
 */
public final class EpochBulkInsert {

    /** Minutes per statement: a week of one child's epochs, some 1.4 MB of arrays. */
    static final int CHUNK = 10_080;

    private static final String SQL = "INSERT INTO epoch (tenant_id, child_id, device_id, t, hr, rmssd, eda, activity,"
            + " stress, sleep_state, quality, scr, wear, anomaly)"
            + " SELECT ?, ?, ?, u.t, u.hr, u.rmssd, u.eda, u.activity, u.stress, u.sleep_state, u.quality, u.scr,"
            + " u.wear, u.anomaly"
            + " FROM unnest(?::timestamptz[], ?::real[], ?::real[], ?::real[], ?::integer[], ?::real[], ?::varchar[],"
            + " ?::real[], ?::smallint[], ?::boolean[], ?::real[])"
            + " AS u(t, hr, rmssd, eda, activity, stress, sleep_state, quality, scr, wear, anomaly)"
            + " ORDER BY u.t";

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))";

    /** The stored minutes among a time range of the child's, or among a list of minutes when the range is sparse. */
    private static final String STORED_IN_RANGE =
            "SELECT t FROM epoch WHERE tenant_id = ? AND child_id = ? AND t >= ?::timestamptz AND t <= ?::timestamptz";

    private static final String STORED_AMONG =
            "SELECT t FROM epoch WHERE tenant_id = ? AND child_id = ? AND t = ANY(?::timestamptz[])";

    private EpochBulkInsert() {}

    /**
     * Inserts those of {@code epochs} (distinct minutes) that the child has not stored yet, in the connection's
     * transaction.
     *
     * @param deviceId the device that measured them, or null
     * @return those that were not stored before, in the order given
     */
    public static List<EpochRecord> insert(
            Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        if (epochs.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setString(1, tenantId);
            lock.setString(2, childId);
            lock.execute();
        }
        Set<Instant> stored = stored(c, tenantId, childId, epochs);
        List<EpochRecord> fresh = stored.isEmpty()
                ? epochs
                : epochs.stream().filter(e -> !stored.contains(e.t())).toList();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            for (int from = 0; from < fresh.size(); from += CHUNK) {
                List<EpochRecord> chunk = fresh.subList(from, Math.min(fresh.size(), from + CHUNK));
                int n = chunk.size();
                String[] t = new String[n];
                Float[] hr = new Float[n];
                Float[] rmssd = new Float[n];
                Float[] eda = new Float[n];
                Integer[] activity = new Integer[n];
                Float[] stress = new Float[n];
                String[] sleep = new String[n];
                Float[] quality = new Float[n];
                Integer[] scr = new Integer[n];
                Boolean[] wear = new Boolean[n];
                Float[] anomaly = new Float[n];
                for (int i = 0; i < n; i++) {
                    EpochRecord e = chunk.get(i);
                    // An ISO-8601 instant in UTC: a java.sql.Timestamp would pass through the JVM's time zone.
                    t[i] = e.t().toString();
                    hr[i] = e.hr();
                    rmssd[i] = e.rmssd();
                    eda[i] = e.eda();
                    activity[i] = e.activity();
                    stress[i] = e.stress();
                    sleep[i] = e.sleep();
                    quality[i] = e.quality();
                    scr[i] = e.scr();
                    wear[i] = e.wear();
                    anomaly[i] = e.anomaly();
                }
                ps.setString(1, tenantId);
                ps.setString(2, childId);
                ps.setString(3, deviceId);
                Array[] arrays = {
                    c.createArrayOf("text", t),
                    c.createArrayOf("float4", hr),
                    c.createArrayOf("float4", rmssd),
                    c.createArrayOf("float4", eda),
                    c.createArrayOf("int4", activity),
                    c.createArrayOf("float4", stress),
                    c.createArrayOf("text", sleep),
                    c.createArrayOf("float4", quality),
                    c.createArrayOf("int4", scr),
                    c.createArrayOf("bool", wear),
                    c.createArrayOf("float4", anomaly)
                };
                for (int i = 0; i < arrays.length; i++) {
                    ps.setArray(4 + i, arrays[i]);
                }
                ps.executeUpdate();
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
        return fresh;
    }

    /**
     * Which of the minutes the child has already: a scan of the batch's time range when the batch fills most of it
     * (a phone's batch of consecutive minutes), else a look-up of each minute, so that a batch with two minutes a
     * year apart does not read the year.
     */
    private static Set<Instant> stored(Connection c, String tenantId, String childId, List<EpochRecord> epochs)
            throws SQLException {
        Instant first = epochs.get(0).t();
        Instant last = first;
        for (EpochRecord e : epochs) {
            first = e.t().isBefore(first) ? e.t() : first;
            last = e.t().isAfter(last) ? e.t() : last;
        }
        boolean dense = Duration.between(first, last).toMinutes() <= 4L * epochs.size();
        Set<Instant> stored = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(dense ? STORED_IN_RANGE : STORED_AMONG)) {
            ps.setString(1, tenantId);
            ps.setString(2, childId);
            if (dense) {
                ps.setString(3, first.toString());
                ps.setString(4, last.toString());
            } else {
                ps.setArray(
                        3,
                        c.createArrayOf(
                                "text",
                                epochs.stream().map(e -> e.t().toString()).toArray(String[]::new)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return stored;
    }
}
