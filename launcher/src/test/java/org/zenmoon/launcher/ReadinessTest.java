package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    static final String DATABASE_UP = "{\"name\":\"database\",\"status\":\"UP\","
            + "\"data\":{\"expectedSchemaVersion\":6,\"appliedSchemaVersion\":\"6\"}}";
    static final String MQTT_DOWN = "{\"name\":\"mqtt\",\"status\":\"DOWN\",\"data\":{\"bridge\":\"disconnected\"}}";

    @Test
    void aDownBrokerAloneNeedNotBeWaitedOut() {
        assertThat(Readiness.onlyMqttDown(
                        503, "{\"status\":\"DOWN\",\"checks\":[" + DATABASE_UP + "," + MQTT_DOWN + "]}"))
                .isTrue();
        // Key order and white space as another server may write them.
        assertThat(Readiness.onlyMqttDown(
                        503,
                        "{\n  \"checks\": [\n    {\"data\": {\"bridge\": \"disconnected\"}, \"status\": \"DOWN\","
                                + " \"name\": \"mqtt\"},\n    {\"status\": \"UP\", \"name\": \"database\"}\n  ],"
                                + " \"status\": \"DOWN\"\n}"))
                .isTrue();
    }

    @Test
    void anythingElseDownIsWaitedFor() {
        String databaseDown = DATABASE_UP.replace("\"UP\"", "\"DOWN\"");
        assertThat(Readiness.onlyMqttDown(
                        503, "{\"status\":\"DOWN\",\"checks\":[" + databaseDown + "," + MQTT_DOWN + "]}"))
                .isFalse();
        assertThat(Readiness.onlyMqttDown(
                        503,
                        "{\"status\":\"DOWN\",\"checks\":[" + DATABASE_UP + "," + MQTT_DOWN
                                + ",{\"name\":\"other\",\"status\":\"DOWN\"}]}"))
                .isFalse();
        // The application did not deploy: no database check at all.
        assertThat(Readiness.onlyMqttDown(503, "{\"status\":\"DOWN\",\"checks\":[" + MQTT_DOWN + "]}"))
                .isFalse();
        assertThat(Readiness.onlyMqttDown(503, "{\"status\":\"DOWN\",\"checks\":[]}"))
                .isFalse();
        assertThat(Readiness.onlyMqttDown(200, "{\"status\":\"UP\",\"checks\":[" + DATABASE_UP + "]}"))
                .isFalse();
        assertThat(Readiness.onlyMqttDown(503, null)).isFalse();
    }

    /** The data's own values never pass for a check's status. */
    @Test
    void aStatusInsideTheDataIsNotTheChecks() {
        String tricky = "{\"name\":\"database\",\"data\":{\"status\":\"UP\"},\"status\":\"DOWN\"}";
        assertThat(Readiness.onlyMqttDown(503, "{\"status\":\"DOWN\",\"checks\":[" + tricky + "," + MQTT_DOWN + "]}"))
                .isFalse();
    }
}
