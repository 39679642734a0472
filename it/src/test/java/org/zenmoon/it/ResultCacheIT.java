package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forecasts and cohort summaries come from the result cache (JCache) on a repeated read, as the readiness report's
 * counts show; an upload for the child makes the next read go to the database and show the new minutes; a hit is
 * audited like any read; another tenant's admin gets 404 as before, never the cached answer. On a school of its own,
 * so that no other test's data moves the figures.
 */
class ResultCacheIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static Http http;
    static School school;
    static String parent;

    @BeforeAll
    static void aSchoolWithAParent() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        school = School.create(http, "Cache School " + RUN, "cache.admin." + RUN);
        school.user("cache.parent." + RUN, "GUARDIAN");
        parent = http.token("cache.parent." + RUN, AccountsIT.PASSWORD);
    }

    /** A class of its own with one child, with the consents to collect and analyse, and its paired wearable. */
    record Kid(String cohortId, String childId, String deviceToken) {}

    static Kid kid(String name) throws Exception {
        String cohortId = school.cohort("Cache Class " + name);
        String childId = school.child("Cache-" + name, 2016, cohortId);
        school.link(childId, "cache.parent." + RUN);
        school.consent(childId, parent, "collection", "analysis");
        Http.Reply paired = Devices.pair(http, childId, "Cache watch", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        return new Kid(cohortId, childId, paired.object().getString("deviceToken"));
    }

    /** This server's result cache counts, from the readiness report. */
    record Counts(long hits, long misses) {}

    static Counts counts() throws Exception {
        JsonObject data =
                http.get("/health/ready", null).object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("name").equals("resultCache"))
                        .findFirst()
                        .orElseThrow()
                        .getJsonObject("data");
        assertThat(value(data, "enabled")).as(data.toString()).isEqualTo("true");
        return new Counts(Long.parseLong(value(data, "hits")), Long.parseLong(value(data, "misses")));
    }

    /** A readiness datum as text, whether the server wrote it as a JSON string, number or boolean. */
    static String value(JsonObject data, String key) {
        JsonValue v = data.get(key);
        return v instanceof JsonString text ? text.getString() : v.toString();
    }

    /** Uploads ten minutes at stress 0.5 on each of the three UTC days before today (all new minutes). */
    static void uploadThreeDays(Kid kid) throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int day = 1; day <= 3; day++) {
            Instant ten = today.minus(day, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
            for (int m = 0; m < 10; m++) {
                epochs.add(Json.createObjectBuilder()
                        .add("t", ten.plus(m, ChronoUnit.MINUTES).toString())
                        .add("hr", 88.0)
                        .add("stress", 0.5)
                        .add("sleep", "WAKE"));
            }
        }
        Http.Reply upload = http.post(
                "/api/v1/ingest/batches",
                Json.createObjectBuilder()
                        .add("batchId", "cache-" + UUID.randomUUID())
                        .add("epochs", epochs)
                        .build()
                        .toString(),
                kid.deviceToken());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(upload.object().getInt("accepted")).isEqualTo(30);
    }

    @Test
    void aSummaryReadTwiceComesFromTheCacheAndAnUploadBringsTheNewMinutes() throws Exception {
        Kid kid = kid("summary");
        String summary = "/api/v1/cohorts/" + kid.cohortId() + "/summary";
        Counts before = counts();
        Http.Reply first = http.get(summary, school.admin());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Counts afterFirst = counts();
        assertThat(afterFirst.misses() - before.misses())
                .as("first read: from the database")
                .isEqualTo(1);

        Http.Reply second = http.get(summary, school.admin());
        Counts afterSecond = counts();
        assertThat(afterSecond.hits() - afterFirst.hits())
                .as("second read: from the cache")
                .isEqualTo(1);
        assertThat(afterSecond.misses()).isEqualTo(afterFirst.misses());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.object().getJsonObject("stress").getInt("childrenWithData"))
                .isZero();

        uploadThreeDays(kid);

        Http.Reply third = http.get(summary, school.admin());
        Counts afterUpload = counts();
        assertThat(afterUpload.misses() - afterSecond.misses())
                .as("after the upload: from the database")
                .isEqualTo(1);
        assertThat(afterUpload.hits()).isEqualTo(afterSecond.hits());
        JsonObject stress = third.object().getJsonObject("stress");
        assertThat(stress.getInt("childrenWithData")).isEqualTo(1);
        assertThat(stress.getInt("days")).isEqualTo(3);
        assertThat(third.object().getString("computedAt"))
                .isNotEqualTo(first.object().getString("computedAt"));
    }

    @Test
    void aForecastReadTwiceComesFromTheCacheIsAuditedEachTimeAndAnUploadRenewsIt() throws Exception {
        Kid kid = kid("forecast");
        String forecast = "/api/v1/children/" + kid.childId() + "/forecast?metric=stress";
        long audited = forecastAuditRows(kid, "ok");
        Counts before = counts();
        Http.Reply first = http.get(forecast, school.admin());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.object().getString("status")).isEqualTo("not_computed");
        Counts afterFirst = counts();
        assertThat(afterFirst.misses() - before.misses()).isEqualTo(1);

        Http.Reply second = http.get(forecast, school.admin());
        Counts afterSecond = counts();
        assertThat(afterSecond.hits() - afterFirst.hits()).isEqualTo(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(forecastAuditRows(kid, "ok") - audited)
                .as("the hit is audited as the miss was")
                .isEqualTo(2);

        uploadOneMinute(kid);
        http.get(forecast, school.admin());
        Counts afterUpload = counts();
        assertThat(afterUpload.misses() - afterSecond.misses()).isEqualTo(1);
        assertThat(afterUpload.hits()).isEqualTo(afterSecond.hits());
    }

    @Test
    void anotherTenantsAdminNeverGetsTheCachedAnswers() throws Exception {
        Kid kid = kid("wall");
        String forecast = "/api/v1/children/" + kid.childId() + "/forecast?metric=stress";
        String summary = "/api/v1/cohorts/" + kid.cohortId() + "/summary";
        assertThat(http.get(forecast, school.admin()).status()).isEqualTo(200);
        assertThat(http.get(summary, school.admin()).status()).isEqualTo(200);
        // Now both are cached for the school.
        assertThat(http.get(forecast, school.admin()).status()).isEqualTo(200);

        String otherAdmin = http.token("school.admin");
        long refused = forecastAuditRows(kid, "not_found");
        Counts before = counts();
        Http.Reply otherForecast = http.get(forecast, otherAdmin);
        Http.Reply otherSummary = http.get(summary, otherAdmin);
        assertThat(otherForecast.status()).as(otherForecast.body()).isEqualTo(404);
        assertThat(otherSummary.status()).as(otherSummary.body()).isEqualTo(404);
        assertThat(otherForecast.body()).doesNotContain("not_computed");
        Counts after = counts();
        assertThat(after).as("refused before the cache is asked").isEqualTo(before);
        assertThat(forecastAuditRows(kid, "not_found") - refused).isEqualTo(1);
    }

    static int minutesBack = 5;

    static void uploadOneMinute(Kid kid) throws Exception {
        // A minute of its own each time: a minute sent twice is stored once, and would invalidate nothing.
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutesBack++, ChronoUnit.MINUTES);
        Http.Reply upload = http.post(
                "/api/v1/ingest/batches",
                Json.createObjectBuilder()
                        .add("batchId", "cache-" + UUID.randomUUID())
                        .add(
                                "epochs",
                                Json.createArrayBuilder()
                                        .add(Json.createObjectBuilder()
                                                .add("t", t.toString())
                                                .add("hr", 80.0)
                                                .add("stress", 0.2)
                                                .add("sleep", "WAKE")))
                        .build()
                        .toString(),
                kid.deviceToken());
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
    }

    /** The audit rows of reads of the child's forecast with this outcome, by anybody. */
    static long forecastAuditRows(Kid kid, String outcome) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM audit_event WHERE child_id = ? "
                        + "AND resource = 'ChildResults.forecast' AND outcome = ?")) {
            q.setString(1, kid.childId());
            q.setString(2, outcome);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
