package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    @Test
    void anExternalDatabaseGetsDemoDataOnlyWhenAskedFor() {
        Settings s = Settings.from(
                Map.of("zenmoon.db.url", "jdbc:postgresql://db.example/zenmoon", "zenmoon.demo", "true")::get);
        assertThat(s.demo()).isTrue();
    }
}
