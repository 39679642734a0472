package org.zenmoon.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.zenmoon.application.EpochPartitionUpkeep;
import org.zenmoon.demo.DemoWorld.ChildRow;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.infrastructure.persistence.EpochBulkInsert;

/**
 * Writes the demo world into an empty ZenMoon database in one transaction: either all of it lands or none.
 * A database that already has a tenant is left alone, so a restart never seeds twice.
 */
public final class DemoDataSeeder {

    /** Figures of one seeding run. */
    public record Result(boolean seeded, int children, long epochs, long millis) {}

    /** The default of {@code zenmoon.consent.erasure-grace-days}, for the demo's withdrawn consent. */
    static final int ERASURE_GRACE_DAYS = 30;

    private DemoDataSeeder() {}

    public static Result seedIfEmpty(Connection c, long seed, LocalDate endDay, char[] password) throws SQLException {
        return seedIfEmpty(c, seed, endDay, 1, password);
    }

    /**
     * Before a server starts beside the seeding: whether the database has no tenant yet (so that {@link #seedIfEmpty}
     * will write the demo), and if so, the month partitions of {@code epoch} for the demo's days and for the months
     * the server's own upkeep makes at its start ({@link EpochPartitionUpkeep#BEHIND}, {@link
     * EpochPartitionUpkeep#AHEAD}), made and committed now. Adding a partition locks the whole table: made by the
     * server while the seeding's transaction writes minutes, it would wait for that transaction, and the server's
     * start with it.
     */
    public static boolean prepare(Connection c, LocalDate endDay, Instant now) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            if (hasTenant(c)) {
                return false;
            }
            Instant from = endDay.minusDays(DemoDataGenerator.DAYS)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            Instant to = endDay.plusMonths(2).atStartOfDay(ZoneOffset.UTC).toInstant();
            ensurePartitions(
                    c,
                    min(from, now.minus(EpochPartitionUpkeep.BEHIND)),
                    // A day more: the server reads its clock later, perhaps after a month's first midnight.
                    max(to, now.plus(EpochPartitionUpkeep.AHEAD).plus(Duration.ofDays(1))));
            return true;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean hasTenant(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM tenant")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /**
     * Empties {@code epoch} and {@code epoch_bin} again in the seeding's transaction, when they hold no row (checked with
     * row security off, so that no policy can hide one): their partitions, which {@link #prepare} made and committed
     * before the server started, then get new files, and PostgreSQL at {@code wal_level=minimal} (the embedded
     * database) writes the demo's minutes into them without writing them to the WAL as well, as it does for tables made
     * in the same transaction. The server waits for the truncation only if it reads minutes before the demo commits.
     */
    private static void renewEpochFiles(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL row_security = off");
            // Locked before the look, so that no row can be committed between the look and the truncation.
            s.execute("LOCK TABLE epoch, epoch_bin IN ACCESS EXCLUSIVE MODE");
            try (ResultSet rs =
                    s.executeQuery("SELECT NOT EXISTS (SELECT FROM epoch) AND NOT EXISTS (SELECT FROM epoch_bin)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    s.execute("TRUNCATE epoch, epoch_bin");
                }
            }
            s.execute("RESET row_security");
        }
    }

    private static void ensurePartitions(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT zenmoon_ensure_epoch_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.execute();
        }
    }

    /** As {@link #seedIfEmpty(Connection, long, LocalDate, char[])}, with {@code scale} times the demo's children. */
    public static Result seedIfEmpty(Connection c, long seed, LocalDate endDay, int scale, char[] password)
            throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (hasTenant(c)) {
                c.rollback();
                return new Result(false, 0, 0, (System.nanoTime() - started) / 1_000_000);
            }
            renewEpochFiles(c);
            DemoDataGenerator gen = new DemoDataGenerator(seed, endDay, scale);
            DemoWorld w = gen.world();
            writeWorld(c, w, password);
            // Made already when prepare() ran first: then nothing is added here.
            ensurePartitions(
                    c,
                    w.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    w.endDay().plusMonths(2).atStartOfDay(ZoneOffset.UTC).toInstant());
            long epochs = insertEpochs(c, gen, w.children());
            c.commit();
            analyse(c);
            return new Result(true, w.children().size(), epochs, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Fresh planner statistics for the minutes and their 12-hour sums just written. Until autovacuum reaches the new
     * partitions (minutes after a large seeding), the planner takes them for empty and reads them by plans made for
     * a few rows: at 1,300 children the first cohort dashboards took 6 s instead of under 0.5 s.
     */
    private static void analyse(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE epoch, epoch_bin");
        }
        c.commit();
    }

    private static void writeWorld(Connection c, DemoWorld w, char[] password) throws SQLException {
        // Every demo account has the same password: hashing it once keeps the first start as fast as one hash
        // (600,000 PBKDF2 iterations) rather than one per account. They share a salt, which only the demo may.
        String passwordHash = PasswordHash.hash(password);
        insertAll(
                c,
                "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES (?, ?, ?, ?, ?)",
                w.tenants(),
                t -> Arrays.asList(t.id(), t.name(), t.kind(), t.legalRegime(), t.retentionDays()));
        insertAll(
                c,
                "INSERT INTO cohort (tenant_id, id, name, kind) VALUES (?, ?, ?, ?)",
                w.cohorts(),
                h -> Arrays.asList(h.tenantId(), h.id(), h.name(), h.kind()));
        insertAll(
                c,
                "INSERT INTO app_user (id, tenant_id, username, password_hash, roles, display_name)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                w.users(),
                u -> Arrays.asList(
                        u.id(),
                        u.tenantId(),
                        u.username(),
                        passwordHash,
                        AppUser.encodeRoles(u.roles()),
                        u.displayName()));
        insertAll(
                c,
                "INSERT INTO staff_cohort (tenant_id, user_id, cohort_id) VALUES (?, ?, ?)",
                w.staffCohorts(),
                s -> Arrays.asList(s.tenantId(), s.userId(), s.cohortId()));
        insertAll(
                c,
                "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES (?, ?, ?, ?, ?)",
                w.children(),
                ch -> Arrays.asList(ch.tenantId(), ch.id(), ch.pseudonym(), ch.birthYear(), ch.cohortId()));
        insertAll(
                c,
                "INSERT INTO guardian_link (tenant_id, child_id, user_id) VALUES (?, ?, ?)",
                w.guardians(),
                g -> Arrays.asList(g.tenantId(), g.childId(), g.userId()));
        insertAll(
                c,
                "INSERT INTO consent (tenant_id, id, child_id, scope, notice_version, granted_by, granted_at,"
                        + " withdrawn_at, withdrawn_by, erasure_due_at)"
                        + " VALUES (?, ?, ?, ?, 'demo-1', ?, ?, ?, ?, ?)",
                w.consents(),
                k -> Arrays.asList(
                        k.tenantId(),
                        k.id(),
                        k.childId(),
                        k.scope(),
                        k.grantedBy(),
                        w.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant(),
                        k.withdrawnAt(),
                        k.withdrawnAt() == null ? null : k.grantedBy(),
                        k.withdrawnAt() == null ? null : k.withdrawnAt().plus(Duration.ofDays(ERASURE_GRACE_DAYS))));
        insertAll(
                c,
                "INSERT INTO school_event (tenant_id, id, cohort_id, type, start_t, end_t, source)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'school')",
                w.events(),
                e -> Arrays.asList(e.tenantId(), e.id(), e.cohortId(), e.type(), e.start(), e.end()));
        insertAll(
                c,
                "INSERT INTO intervention (tenant_id, id, child_id, type, start_t, end_t, logged_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                w.interventions(),
                i -> Arrays.asList(i.tenantId(), i.id(), i.childId(), i.type(), i.start(), i.end(), i.loggedBy()));
    }

    /**
     * One batched INSERT of {@code rows}; {@code values} gives a row's parameters in order: a String (or null), an
     * Integer, or an Instant (stored as a timestamp).
     */
    private static <T> void insertAll(Connection c, String sql, List<T> rows, Function<T, List<Object>> values)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                List<Object> v = values.apply(row);
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i) instanceof Integer n) {
                        ps.setInt(i + 1, n);
                    } else if (v.get(i) == null) {
                        ps.setNull(i + 1, java.sql.Types.NULL);
                    } else if (v.get(i) instanceof Instant t) {
                        ps.setTimestamp(i + 1, Timestamp.from(t));
                    } else {
                        ps.setString(i + 1, (String) v.get(i));
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes every child's epochs through {@link EpochBulkInsert}, the path uploads take. The next child's minutes
     * are generated on a second thread while the database stores the current child's, so the two cores work at once.
     */
    private static long insertEpochs(Connection c, DemoDataGenerator gen, List<ChildRow> children) throws SQLException {
        ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zenmoon-demo-generator");
            t.setDaemon(true);
            return t;
        });
        try {
            long total = 0;
            Future<List<EpochRecord>> next = generator.submit(() -> epochsOf(gen, children.get(0)));
            for (int i = 0; i < children.size(); i++) {
                List<EpochRecord> epochs = next.get();
                if (i + 1 < children.size()) {
                    ChildRow following = children.get(i + 1);
                    next = generator.submit(() -> epochsOf(gen, following));
                }
                ChildRow child = children.get(i);
                total += EpochBulkInsert.insert(c, child.tenantId(), child.id(), null, epochs)
                        .size();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating demo epochs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("demo epochs could not be generated", e.getCause());
        } finally {
            generator.shutdownNow();
        }
    }

    private static List<EpochRecord> epochsOf(DemoDataGenerator gen, ChildRow child) {
        List<EpochRecord> epochs = new ArrayList<>(100_000);
        gen.epochsOf(
                child,
                (t, hr, rmssd, eda, activity, stress, asleep, quality) -> epochs.add(new EpochRecord(
                        t,
                        round(hr, 10),
                        round(rmssd, 10),
                        round(eda, 1000),
                        activity,
                        round(stress, 1000),
                        asleep ? "SLEEP" : "WAKE",
                        round(quality, 100),
                        null,
                        null,
                        null,
                        null)));
        return epochs;
    }

    private static float round(float v, int scale) {
        return (float) (Math.round(v * (double) scale) / (double) scale);
    }
}
