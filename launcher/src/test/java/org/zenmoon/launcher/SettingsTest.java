package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Demo accounts (password "demo") are created only where nobody could mistake them for a deployment's. */
class SettingsTest {

    @Test
    void theEmbeddedDatabaseRunsInDemoMode() {
        Settings s = Settings.from(Map.<String, String>of()::get);
        assertThat(s.externalDb()).isNull();
        assertThat(s.demo()).isTrue();
    }

    @Test
    void anExternalDatabaseIsNeverInDemoModeByDefault() {
        Settings s = Settings.from(Map.of("zenmoon.db.url", "jdbc:postgresql://db.example/zenmoon")::get);
        assertThat(s.externalDb().url()).isEqualTo("jdbc:postgresql://db.example/zenmoon");
        assertThat(s.demo()).isFalse();
        assertThat(s.generateJwtKey())
                .as("the run command still makes its signing key")
                .isTrue();
        assertThat(s.jwtKeyFile()).isEqualTo(s.home().resolve("jwt-signing-key.pem"));
    }

    @Test
    void aKeyTheAdminNamesIsUsedAndNeverMade() {
        Settings s = Settings.from(Map.of("zenmoon.jwt.key-file", "/etc/zenmoon/key.pem")::get);
        assertThat(s.jwtKeyFile()).isEqualTo(java.nio.file.Path.of("/etc/zenmoon/key.pem"));
        assertThat(s.generateJwtKey()).isFalse();
    }

    @Test
    void anExternalDatabaseGetsDemoDataOnlyWhenAskedFor() {
        Settings s = Settings.from(
                Map.of("zenmoon.db.url", "jdbc:postgresql://db.example/zenmoon", "zenmoon.demo", "true")::get);
        assertThat(s.demo()).isTrue();
    }

    @Test
    void aBadNumberIsNamedAsTheAdminWouldSetIt() {
        assertThatThrownBy(() -> Settings.from(Map.of("zenmoon.http.port", "80a")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZENMOON_HTTP_PORT must be a whole number, not '80a'");
        assertThatThrownBy(() -> Settings.from(Map.of("zenmoon.embedded-db.port", "70000")::get))
                .hasMessage("ZENMOON_EMBEDDED_DB_PORT must be a port number from 1 to 65535, not 70000");
    }

    @Test
    void theServerListensOnThisMachineOnlyUnlessOpened() {
        assertThat(Settings.from(Map.<String, String>of()::get).bindAddress()).isEqualTo("127.0.0.1");
        Settings open = Settings.from(Map.of("zenmoon.http.bind-address", "0.0.0.0")::get);
        assertThat(open.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(open.baseUrl()).isEqualTo("http://localhost:8080");
        assertThatThrownBy(() -> Settings.from(Map.of("zenmoon.http.bind-address", "0.0.0.0 --deploy x")::get))
                .hasMessage("ZENMOON_HTTP_BIND_ADDRESS must be an IP address or host name, not '0.0.0.0 --deploy x'");
    }

    @Test
    void migrationsRunAsTheOwnerTheAdminNamesAndTheServerAsItsOwnAccount() {
        Settings s = Settings.from(Map.of(
                "zenmoon.db.url", "jdbc:postgresql://db.example/zenmoon",
                "zenmoon.db.user", "zenmoon_server",
                "zenmoon.db.password", "s",
                "zenmoon.db.owner-user", "zenmoon_owner",
                "zenmoon.db.owner-password", "o")::get);
        assertThat(s.externalDb().user()).isEqualTo("zenmoon_server");
        assertThat(s.externalMigrator().user()).isEqualTo("zenmoon_owner");
        assertThat(s.externalMigrator().password()).isEqualTo("o");
        assertThat(s.externalMigrator().url()).isEqualTo(s.externalDb().url());
        assertThat(Settings.variable("zenmoon.db.owner-password")).isEqualTo("ZENMOON_DB_OWNER_PASSWORD");
    }

    @Test
    void withoutAnOwnerMigrationsRunAsTheServersAccount() {
        Settings s = Settings.from(
                Map.of("zenmoon.db.url", "jdbc:postgresql://db.example/zenmoon", "zenmoon.db.user", "zenmoon")::get);
        assertThat(s.externalOwner()).isNull();
        assertThat(s.externalMigrator()).isEqualTo(s.externalDb());
    }

    @Test
    void theMqttBridgeIsOffUnlessABrokerIsNamed() {
        assertThat(Settings.from(Map.<String, String>of()::get).mqttUrl()).isNull();
        assertThat(Settings.from(Map.of("zenmoon.mqtt.url", " ")::get).mqttUrl())
                .isNull();
        assertThat(Settings.from(Map.of("zenmoon.mqtt.url", "tcp://localhost:1883")::get)
                        .mqttUrl())
                .isEqualTo("tcp://localhost:1883");
    }
}
