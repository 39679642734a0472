package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An IT admin's set-ups: the run command against their own PostgreSQL (here a separate PostgreSQL 17 process that
 * the test starts) with two accounts, the schema's owner for migrations and the server's, which must start no
 * embedded database and create no demo account; and the EAR on full Payara Server 6, configured through the same
 * environment variables (here pointed at the shared server's database as its application role, whose demo
 * accounts the checks log in with).
 */
class ExternalDatabaseAndEarIT {

    static EmbeddedPostgres adminsPostgres;
    static Map<String, String> dbEnv;
    static LaunchedServer runCommand;

    @BeforeAll
    static void startDatabase() throws Exception {
        adminsPostgres = EmbeddedPostgres.builder().setPort(54349).start();
        try (Connection c = adminsPostgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE zenmoon_prod");
            // The admin's two accounts: the schema's owner (migrations) and the server's, which owns nothing.
            c.createStatement().execute("CREATE ROLE zenmoon LOGIN PASSWORD 'Secret-1' CREATEDB");
            c.createStatement().execute("ALTER DATABASE zenmoon_prod OWNER TO zenmoon");
            c.createStatement().execute("CREATE ROLE zenmoon_server LOGIN PASSWORD 'Secret-2'");
        }
        dbEnv = Map.of(
                "ZENMOON_DB_URL",
                "jdbc:postgresql://localhost:54349/zenmoon_prod",
                "ZENMOON_DB_USER",
                "zenmoon_server",
                "ZENMOON_DB_PASSWORD",
                "Secret-2",
                "ZENMOON_DB_OWNER_USER",
                "zenmoon",
                "ZENMOON_DB_OWNER_PASSWORD",
                "Secret-1");
        runCommand = LaunchedServer.start("external-db", 18081, 54359, dbEnv);
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (runCommand != null) {
            runCommand.close();
        }
        if (adminsPostgres != null) {
            adminsPostgres.close();
        }
    }

    @Test
    void runCommandUsesTheConfiguredDatabaseWithoutDemoAccounts() throws Exception {
        assertThat(runCommand.output())
                .doesNotContain("starting embedded PostgreSQL")
                .contains("jdbc:postgresql://localhost:54349/zenmoon_prod")
                .doesNotContainIgnoringCase("demo");
        assertThat(runCommand.home.resolve("pgdata")).doesNotExist();
        Http http = new Http(runCommand.baseUrl());
        assertThat(http.get("/health/ready", null).status())
                .as("ready, with the signing key the run command made")
                .isEqualTo(200);
        assertThat(http.login("admin", "demo").status()).isEqualTo(401);
        assertThat(runCommand.output()).doesNotContain("ZENMOON_DB_OWNER_USER is not set");

        // The server's account reads and writes data under row-level security, and changes no schema.
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:54349/zenmoon_prod", "zenmoon_server", "Secret-2");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT relrowsecurity FROM pg_class WHERE relname = 'child'")) {
                assertThat(rs.next() && rs.getBoolean(1))
                        .as("row-level security on child")
                        .isTrue();
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT count(*) FROM pg_class WHERE relowner = 'zenmoon_server'::regrole")) {
                rs.next();
                assertThat(rs.getInt(1)).as("tables the server's account owns").isZero();
            }
            assertThatThrownBy(() -> s.execute("CREATE TABLE sneaky (id int)")).isInstanceOf(SQLException.class);
        }
        // Its password reaches the server through its environment; the owner's stays with the launcher.
        assertThat(String.join("\n", runCommand.childCommandLines())).doesNotContain("Secret-1", "Secret-2");
        assertThat(runCommand.serverEnvironment())
                .contains("ZENMOON_DB_USER=zenmoon_server", "ZENMOON_DB_PASSWORD=Secret-2")
                .doesNotContain("Secret-1", "ZENMOON_DB_OWNER");
    }

    @Test
    void earDeploysOnPayaraServerAndAnswers() throws Exception {
        Path payara = Path.of(System.getProperty("payara.server.home", "target/payara-server/payara6"));
        Path ear = Path.of(System.getProperty("zenmoon.ear", "target/zenmoon.ear"));
        LaunchedServer shared = SharedServer.get();
        Path key = shared.home.toAbsolutePath().resolve("jwt-signing-key.pem");
        // The server's account of the shared run command's database, which row-level security restricts.
        Map<String, String> env = Map.of(
                "ZENMOON_DB_URL",
                "jdbc:postgresql://localhost:" + SharedServer.DB_PORT + "/zenmoon",
                "ZENMOON_DB_USER",
                "zenmoon_app",
                "ZENMOON_DB_PASSWORD",
                Files.readString(shared.home.resolve("db-app-password")).trim(),
                "ZENMOON_JWT_KEY_FILE",
                key.toString());
        // A fresh domain every run, on ports of its own (admin 19048, HTTP 19080).
        asadmin(payara, env, 60, false, "delete-domain", DOMAIN);
        asadmin(payara, env, 120, true, "create-domain", "--nopassword=true", "--portbase", "19000", DOMAIN);
        try {
            asadmin(payara, env, 180, true, "start-domain", DOMAIN);
            asadmin(
                    payara,
                    env,
                    300,
                    true,
                    "--port",
                    "19048",
                    "deploy",
                    "--name",
                    "zenmoon",
                    ear.toAbsolutePath().toString());
            Http http = new Http("http://localhost:19080");
            Http.Reply ready = http.get("/health/ready", null);
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\"");
            String token = http.token("counsellor");
            JsonArray school = http.get("/api/v1/children", token).json().asJsonArray();
            assertThat(school).hasSize(30);
            assertThat(http.get("/api/v1/children", null).status()).isEqualTo(401);

            // The walls and the access policy hold on the full server's class loading and interceptors too.
            String clinicChild = http.get("/api/v1/children", http.token("clinician"))
                    .json()
                    .asJsonArray()
                    .getJsonObject(0)
                    .getString("childId");
            assertThat(http.get("/api/v1/children/" + clinicChild, token).status())
                    .isEqualTo(404);
            assertThat(http.post("/api/v1/admin/jobs/chronotype", "", token).status())
                    .isEqualTo(403);
            assertThat(http.get("/api/v1/children", http.token("admin")).status())
                    .isEqualTo(403);

            // Jakarta Batch on the full server: the forecast job runs to completion there too, partitioned over the
            // school's children, and its results reach the API. (The school's job: the API test expects the clinic's
            // children to have no stored chronotype.)
            String admin = http.token("school.admin");
            Http.Reply started = http.post("/api/v1/admin/jobs/forecast", "", admin);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String id = started.object().getString("executionId");
            JsonObject run = null;
            for (int i = 0; i < 600; i++) {
                Thread.sleep(500);
                Http.Reply r = http.get("/api/v1/admin/jobs/" + id, admin);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                run = r.object();
                if (!run.getString("status").matches("STARTING|STARTED|STOPPING")) {
                    break;
                }
            }
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(run.getInt("read")).isEqualTo(run.getInt("total")).isPositive();
            String oakChild = http.get("/api/v1/children", token)
                    .json()
                    .asJsonArray()
                    .getJsonObject(0)
                    .getString("childId");
            JsonObject forecast = http.get("/api/v1/children/" + oakChild + "/forecast?metric=stress", token)
                    .object();
            assertThat(forecast.getString("status")).as(forecast.toString()).isEqualTo("ok");
            assertThat(forecast.getJsonArray("points")).hasSize(24);
        } finally {
            asadmin(payara, env, 120, false, "stop-domain", DOMAIN);
            if (!Boolean.getBoolean("zenmoon.it.keep-domain")) {
                asadmin(payara, env, 60, false, "delete-domain", DOMAIN);
            }
        }
    }

    private static final String DOMAIN = "zenmoon-it";

    private static void asadmin(
            Path payara, Map<String, String> env, int timeoutSeconds, boolean mustSucceed, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(payara.resolve("bin/asadmin").toString()));
        cmd.addAll(List.of(args));
        String verb = args[0].startsWith("--") ? args[2] : args[0];
        Path out = LaunchedServer.WORK.resolve("asadmin-" + verb + ".out");
        Files.createDirectories(out.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        pb.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("asadmin " + verb + " timed out:\n" + Files.readString(out));
        }
        if (p.exitValue() != 0 && mustSucceed) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed:\n" + Files.readString(out)
                    + "\n--- server.log tail ---\n"
                    + LaunchedServer.tail(payara.resolve("glassfish/domains/" + DOMAIN + "/logs/server.log"), 60));
        }
    }
}
