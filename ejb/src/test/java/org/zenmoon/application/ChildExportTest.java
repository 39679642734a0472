package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How a stored row appears in a child's export. */
class ChildExportTest {

    @Test
    void aRowComesOutInCamelCaseWithoutTenantOrSecrets() {
        JsonObject row = ChildExport.tidy("{\"tenant_id\": \"t1\", \"id\": \"d1\", \"child_id\": \"c1\", "
                + "\"label\": \"Watch\", \"token_hash\": \"pbkdf2$abc\", \"api_secret\": \"s\", "
                + "\"password_hash\": \"x\", \"created_at\": \"2026-03-02T08:15:00+00:00\", \"revoked_at\": null}");
        assertThat(row.keySet()).containsExactlyInAnyOrder("id", "childId", "label", "createdAt", "revokedAt");
        assertThat(row.getString("label")).isEqualTo("Watch");
        assertThat(row.getString("createdAt")).isEqualTo("2026-03-02T08:15:00+00:00");
        assertThat(row.isNull("revokedAt")).isTrue();
    }

    @Test
    void nestedJsonIsKeptAsStored() {
        JsonObject row = ChildExport.tidy("{\"kind\": \"chronotype\", \"payload\": {\"msf_sc\": \"04:12\"}}");
        assertThat(row.getJsonObject("payload").getString("msf_sc")).isEqualTo("04:12");
    }

    @Test
    void tableNamesBecomeSectionNames() {
        assertThat(ChildExport.camelCase("sleep_episode")).isEqualTo("sleepEpisode");
        assertThat(ChildExport.camelCase("recommendation_feedback")).isEqualTo("recommendationFeedback");
        assertThat(ChildExport.camelCase("alert")).isEqualTo("alert");
        assertThat(ChildExport.SECTIONS.get("sleep_episode")).isEqualTo("sleepEpisodes");
    }
}
