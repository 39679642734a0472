package org.zenmoon.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 *
 * <p>{@link #insertOrComplete} is the variant for Open mHealth, whose measures arrive as data points of their own: a
 * minute the same device stored before takes the measures it lacked (one {@code UPDATE} per few thousand minutes),
 * and counts as new when it took any.
 *
 * <p>Both keep the child's 12-hour sums ({@code epoch_bin}, V11, which the cohort dashboard reads) true in the same
 * transaction: each insert adds the rows it inserted to their bins in the same statement; the bins of completed
 * minutes are summed again from the epochs. Nothing else writes epochs (erasure deletes the bins with them).
 */
public final class EpochBulkInsert {

    /** Minutes per statement: a week of one child's epochs, some 1.4 MB of arrays. */
    static final int CHUNK = 10_080;

    /** The measures, in the order of the arrays {@link #arrays} makes. */
    private static final List<String> MEASURES = List.of(
            "hr", "rmssd", "eda", "activity", "stress", "sleep_state", "quality", "scr", "wear", "anomaly", "steps");

    private static final String UNNEST =
            " unnest(?::timestamptz[], ?::real[], ?::real[], ?::real[], ?::integer[], ?::real[], ?::varchar[],"
                    + " ?::real[], ?::smallint[], ?::boolean[], ?::real[], ?::integer[])"
                    + " AS u(t, " + String.join(", ", MEASURES) + ")";

    /** The 12-hour bin of an epoch's {@code t} (V11's {@code epoch_bin.h}): midnight to noon, noon to midnight, UTC. */
    static final String BIN = "date_bin('12 hours', t, timestamptz '2000-01-01 00:00:00+00')";

    /** The columns of {@code epoch_bin}. */
    private static final String BIN_COLUMNS =
            "tenant_id, child_id, h, minutes, stress_n, stress_sum, hr_n, hr_sum, scored, asleep, first_t, last_t";

    /** A bin's sums (the columns of {@code epoch_bin} after h), over rows with the columns of epoch. */
    private static final String SUMS = "count(*), count(stress), coalesce(sum(stress::float8), 0), count(hr),"
            + " coalesce(sum(hr::float8), 0), count(*) FILTER (WHERE sleep_state IN ('SLEEP', 'WAKE')),"
            + " count(*) FILTER (WHERE sleep_state = 'SLEEP'), min(t), max(t)";

    /**
     * The new minutes, and in the same statement their sums added to their bins (V11), from the rows the insert
     * returns; the bins in key order, so that two transactions never wait for each other's bins crosswise.
     */
    private static final String SQL = "WITH ins AS (INSERT INTO epoch (tenant_id, child_id, device_id, t, "
            + String.join(", ", MEASURES) + ")"
            + " SELECT ?, ?, ?, u.t, u." + String.join(", u.", MEASURES)
            + " FROM" + UNNEST
            + " ORDER BY u.t RETURNING tenant_id, child_id, t, hr, stress, sleep_state)"
            + " INSERT INTO epoch_bin AS b (" + BIN_COLUMNS + ") SELECT tenant_id, child_id, " + BIN + " AS h, " + SUMS
            + " FROM ins GROUP BY tenant_id, child_id, h ORDER BY h"
            + " ON CONFLICT (tenant_id, child_id, h) DO UPDATE SET minutes = b.minutes + excluded.minutes,"
            + " stress_n = b.stress_n + excluded.stress_n, stress_sum = b.stress_sum + excluded.stress_sum,"
            + " hr_n = b.hr_n + excluded.hr_n, hr_sum = b.hr_sum + excluded.hr_sum,"
            + " scored = b.scored + excluded.scored, asleep = b.asleep + excluded.asleep,"
            + " first_t = least(b.first_t, excluded.first_t), last_t = greatest(b.last_t, excluded.last_t)";

    /**
     * The bins of the given minutes of a child summed again from its epochs, after some of them gained measures: one
     * range of the child's index per bin, the bins in key order.
     */
    private static final String REBIN = "INSERT INTO epoch_bin AS b (" + BIN_COLUMNS + ") SELECT ?, ?, k.h, " + SUMS
            + " FROM (SELECT DISTINCT date_bin('12 hours', x, timestamptz '2000-01-01 00:00:00+00') AS h"
            + " FROM unnest(?::timestamptz[]) x) k"
            + " JOIN epoch e ON e.tenant_id = ? AND e.child_id = ? AND e.t >= k.h AND e.t < k.h + interval '12 hours'"
            + " GROUP BY k.h ORDER BY k.h"
            + " ON CONFLICT (tenant_id, child_id, h) DO UPDATE SET minutes = excluded.minutes,"
            + " stress_n = excluded.stress_n, stress_sum = excluded.stress_sum, hr_n = excluded.hr_n,"
            + " hr_sum = excluded.hr_sum, scored = excluded.scored, asleep = excluded.asleep,"
            + " first_t = excluded.first_t, last_t = excluded.last_t";

    /**
     * A stored minute of the same device keeps every measure it has and takes the ones it lacks; a minute that would
     * gain nothing is left untouched, so that it counts as a duplicate.
     */
    private static final String COMPLETE = "UPDATE epoch SET "
            + String.join(
                    ", ",
                    MEASURES.stream()
                            .map(m -> m + " = COALESCE(epoch." + m + ", u." + m + ")")
                            .toList())
            + " FROM" + UNNEST
            + " WHERE epoch.tenant_id = ? AND epoch.child_id = ? AND epoch.t = u.t"
            + " AND epoch.device_id IS NOT DISTINCT FROM ? AND ("
            + String.join(
                    " OR ",
                    MEASURES.stream()
                            .map(m -> "(epoch." + m + " IS NULL AND u." + m + " IS NOT NULL)")
                            .toList())
            + ") RETURNING epoch.t";

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
        lock(c, tenantId, childId);
        Set<Instant> stored = stored(c, tenantId, childId, epochs);
        List<EpochRecord> fresh = stored.isEmpty()
                ? epochs
                : epochs.stream().filter(e -> !stored.contains(e.t())).toList();
        write(c, tenantId, childId, deviceId, fresh);
        return fresh;
    }

    /**
     * Inserts those of {@code epochs} (distinct minutes) that the child has not stored yet, and gives the minutes the
     * same device stored before the measures they lack; a measure already stored stays as it is.
     *
     * @return those that were new or gained a measure, in the order given
     */
    public static List<EpochRecord> insertOrComplete(
            Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        if (epochs.isEmpty()) {
            return List.of();
        }
        lock(c, tenantId, childId);
        Set<Instant> stored = stored(c, tenantId, childId, epochs);
        List<EpochRecord> fresh = new ArrayList<>();
        List<EpochRecord> again = new ArrayList<>();
        for (EpochRecord e : epochs) {
            (stored.contains(e.t()) ? again : fresh).add(e);
        }
        write(c, tenantId, childId, deviceId, fresh);
        Set<Instant> completed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(COMPLETE)) {
            for (int from = 0; from < again.size(); from += CHUNK) {
                Array[] arrays = arrays(c, again.subList(from, Math.min(again.size(), from + CHUNK)));
                for (int i = 0; i < arrays.length; i++) {
                    ps.setArray(1 + i, arrays[i]);
                }
                ps.setString(arrays.length + 1, tenantId);
                ps.setString(arrays.length + 2, childId);
                ps.setString(arrays.length + 3, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        completed.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                    }
                }
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
        rebin(c, tenantId, childId, completed);
        return epochs.stream()
                .filter(e -> !stored.contains(e.t()) || completed.contains(e.t()))
                .toList();
    }

    /** Sums the bins of {@code minutes} again from the child's epochs (V11), after those minutes gained measures. */
    private static void rebin(Connection c, String tenantId, String childId, Set<Instant> minutes) throws SQLException {
        if (minutes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(REBIN)) {
            ps.setString(1, tenantId);
            ps.setString(2, childId);
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text", minutes.stream().map(Instant::toString).toArray(String[]::new)));
            ps.setString(4, tenantId);
            ps.setString(5, childId);
            ps.executeUpdate();
        }
    }

    /** Serialises the child's writers until the transaction ends. */
    private static void lock(Connection c, String tenantId, String childId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setString(1, tenantId);
            lock.setString(2, childId);
            lock.execute();
        }
    }

    /** Plain inserts of minutes the child does not have. */
    private static void write(Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> fresh)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            for (int from = 0; from < fresh.size(); from += CHUNK) {
                Array[] arrays = arrays(c, fresh.subList(from, Math.min(fresh.size(), from + CHUNK)));
                ps.setString(1, tenantId);
                ps.setString(2, childId);
                ps.setString(3, deviceId);
                for (int i = 0; i < arrays.length; i++) {
                    ps.setArray(4 + i, arrays[i]);
                }
                ps.executeUpdate();
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
    }

    /** The minutes' times and each measure as one array, in the order of {@link #MEASURES}. */
    private static Array[] arrays(Connection c, List<EpochRecord> chunk) throws SQLException {
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
        Integer[] steps = new Integer[n];
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
            steps[i] = e.steps();
        }
        return new Array[] {
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
            c.createArrayOf("float4", anomaly),
            c.createArrayOf("int4", steps)
        };
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
