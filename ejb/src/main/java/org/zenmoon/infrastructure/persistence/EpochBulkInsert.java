package org.zenmoon.infrastructure.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The one way epochs enter the database, for uploads and for the demo data alike: a statement per few thousand
 * minutes, each measure sent as one array ({@code unnest}), inserted in time order with {@code ON CONFLICT DO
 * NOTHING}, so that a minute already stored stays as it is and counts as a duplicate. Never a round trip per row.
 *
 * <p>{@link #insertOrComplete} is the variant for Open mHealth, whose measures arrive as data points of their own: a
 * minute the same device stored before gets the measures it lacked, and counts as new when it got any.
 *
 * <p>{@code COPY} would be faster but PostgreSQL refuses {@code COPY FROM} into a table with row-level security for
 * a role that meets it, which the server's role does (V3); {@code docs/BENCHMARKS.md} gives both rates.
 */
public final class EpochBulkInsert {

    /** Minutes per statement: a week of one child's epochs, some 1.4 MB of arrays. */
    static final int CHUNK = 10_080;

    /** The measures, in the order of the arrays below. */
    private static final List<String> MEASURES = List.of(
            "hr", "rmssd", "eda", "activity", "stress", "sleep_state", "quality", "scr", "worn", "anomaly", "steps");

    private static final String SQL = "INSERT INTO epoch (tenant_id, child_id, device_id, t, "
            + String.join(", ", MEASURES) + ")"
            + " SELECT ?, ?, ?, u.t, u." + String.join(", u.", MEASURES)
            + " FROM unnest(?::timestamptz[], ?::real[], ?::real[], ?::real[], ?::integer[], ?::real[], ?::varchar[],"
            + " ?::real[], ?::smallint[], ?::boolean[], ?::real[], ?::integer[])"
            + " AS u(t, " + String.join(", ", MEASURES) + ")"
            + " ORDER BY u.t ON CONFLICT ";

    private static final String DO_NOTHING = SQL + "DO NOTHING";

    /**
     * A stored minute of the same device keeps every measure it has and takes the ones it lacks; the {@code WHERE}
     * leaves a minute that gains nothing untouched, so that it counts as a duplicate.
     */
    private static final String COMPLETE = SQL + "(tenant_id, child_id, t) DO UPDATE SET "
            + String.join(
                    ", ",
                    MEASURES.stream()
                            .map(m -> m + " = COALESCE(epoch." + m + ", EXCLUDED." + m + ")")
                            .toList())
            + " WHERE epoch.device_id IS NOT DISTINCT FROM EXCLUDED.device_id AND ("
            + String.join(
                    " OR ",
                    MEASURES.stream()
                            .map(m -> "(epoch." + m + " IS NULL AND EXCLUDED." + m + " IS NOT NULL)")
                            .toList())
            + ")";

    private EpochBulkInsert() {}

    /**
     * Inserts {@code epochs} (distinct minutes) for the child, in the connection's transaction.
     *
     * @param deviceId the device that measured them, or null
     * @return how many were not stored before
     */
    public static int insert(Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        return write(c, DO_NOTHING, tenantId, childId, deviceId, epochs);
    }

    /**
     * Inserts {@code epochs} (distinct minutes) for the child and completes the minutes the same device stored before
     * with the measures they lack; a measure already stored stays as it is.
     *
     * @return how many minutes were new or gained a measure
     */
    public static int insertOrComplete(
            Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        return write(c, COMPLETE, tenantId, childId, deviceId, epochs);
    }

    private static int write(
            Connection c, String sql, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < epochs.size(); from += CHUNK) {
                List<EpochRecord> chunk = epochs.subList(from, Math.min(epochs.size(), from + CHUNK));
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
                Boolean[] worn = new Boolean[n];
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
                    worn[i] = e.worn();
                    anomaly[i] = e.anomaly();
                    steps[i] = e.steps();
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
                    c.createArrayOf("bool", worn),
                    c.createArrayOf("float4", anomaly),
                    c.createArrayOf("int4", steps)
                };
                for (int i = 0; i < arrays.length; i++) {
                    ps.setArray(4 + i, arrays[i]);
                }
                inserted += ps.executeUpdate();
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
        return inserted;
    }
}
