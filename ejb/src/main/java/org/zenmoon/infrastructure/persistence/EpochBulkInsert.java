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
 * <p>{@code COPY} would be faster but PostgreSQL refuses {@code COPY FROM} into a table with row-level security for
 * a role that meets it, which the server's role does (V3); {@code docs/BENCHMARKS.md} gives both rates.
 */
public final class EpochBulkInsert {

    /** Minutes per statement: a week of one child's epochs, some 1.4 MB of arrays. */
    static final int CHUNK = 10_080;

    private static final String SQL = "INSERT INTO epoch (tenant_id, child_id, device_id, t, hr, rmssd, eda, activity,"
            + " stress, sleep_state, quality, scr, worn, anomaly)"
            + " SELECT ?, ?, ?, u.t, u.hr, u.rmssd, u.eda, u.activity, u.stress, u.sleep_state, u.quality, u.scr,"
            + " u.worn, u.anomaly"
            + " FROM unnest(?::timestamptz[], ?::real[], ?::real[], ?::real[], ?::integer[], ?::real[], ?::varchar[],"
            + " ?::real[], ?::smallint[], ?::boolean[], ?::real[])"
            + " AS u(t, hr, rmssd, eda, activity, stress, sleep_state, quality, scr, worn, anomaly)"
            + " ORDER BY u.t ON CONFLICT DO NOTHING";

    private EpochBulkInsert() {}

    /**
     * Inserts {@code epochs} (distinct minutes) for the child, in the connection's transaction.
     *
     * @param deviceId the device that measured them, or null
     * @return how many were not stored before
     */
    public static int insert(Connection c, String tenantId, String childId, String deviceId, List<EpochRecord> epochs)
            throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
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
                    c.createArrayOf("float4", anomaly)
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
