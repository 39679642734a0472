package org.zenmoon.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The launched server's database, opened as its owner to look behind the API. */
final class Database {

    private Database() {}

    /**
     * Every tenant-owned table (a {@code tenant_id} column; partitions are counted through their parent), except
     * the audit trail, which an attempt is meant to grow.
     */
    static List<String> tenantOwnedTables(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT c.relname FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped"
                        + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'audit_event'"
                        + " ORDER BY c.relname");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Per tenant and table: the row count and an order-independent hash of the rows' contents. */
    static Map<String, Long> tenantChecksums(Connection db) throws SQLException {
        Map<String, Long> sums = new TreeMap<>();
        for (String table : tenantOwnedTables(db)) {
            try (PreparedStatement q = db.prepareStatement("SELECT tenant_id, count(*), sum(hashtext(t::text)::bigint)"
                            + " FROM " + table + " t GROUP BY tenant_id");
                    ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + "/" + table;
                    sums.put(key + "/rows", rs.getLong(2));
                    sums.put(key + "/hash", rs.getLong(3));
                }
            }
        }
        return sums;
    }
}
