package org.zenmoon.launcher;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.PasswordPolicy;
import org.zenmoon.domain.model.user.Role;

/**
 * The first platform admin of an instance without demo data: {@code ./zenmoon create-admin NAME}. It works once;
 * every later account is made through the API by an admin who logged in. So an instance never starts with a
 * password anybody else knows.
 */
final class FirstAdmin {

    /** Why the admin could not be created, in one line for the terminal (exit code 2). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private FirstAdmin() {}

    /** Creates the platform admin and answers its account id. */
    static String create(Connection c, String username, char[] password) throws SQLException, Refused {
        check(username, password);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            // One at a time, so that two terminals cannot both create "the first" admin.
            try (PreparedStatement lock = c.prepareStatement("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE")) {
                lock.execute();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM app_user WHERE roles = ?")) {
                q.setString(1, Role.PLATFORM_ADMIN.name());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        throw new Refused("a platform admin exists already; further admins are made through the API"
                                + " (POST /api/v1/users) by an admin who logged in");
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM app_user WHERE lower(username) = ?")) {
                q.setString(1, username.toLowerCase(Locale.ROOT));
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        throw new Refused("the user name '" + username + "' is taken");
                    }
                }
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO app_user (id, tenant_id, username, password_hash, roles, display_name)"
                            + " VALUES (?, NULL, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, username);
                insert.setString(3, PasswordHash.hash(password));
                insert.setString(4, Role.PLATFORM_ADMIN.name());
                insert.setString(5, "Platform admin");
                insert.executeUpdate();
            }
            c.commit();
            return id;
        } catch (SQLException | Refused | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The same rules as every account the API makes. */
    private static void check(String username, char[] password) throws Refused {
        if (username == null || !username.matches(AppUser.USERNAME_PATTERN)) {
            throw new Refused(
                    "the user name must be 3 to 100 letters, digits or . _ @ -, starting with a letter or" + " digit");
        }
        Optional<String> problem = PasswordPolicy.problem(username, new String(password));
        if (problem.isPresent()) {
            throw new Refused("the password " + problem.get());
        }
    }
}
