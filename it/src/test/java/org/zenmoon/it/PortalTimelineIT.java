package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a child's page marks in the 7 days it shows, in a real Chromium and a school of its own made through the
 * platform admin (the demo school's recommender stays at its cold start): every recommendation made in those days,
 * however many the family asked for and answered, and the school events going on in them, those begun before too.
 */
class PortalTimelineIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final String ADMIN = "timeline.admin." + RUN;
    static final String GUARDIAN = "timeline.parent." + RUN;

    /** More than the 20 the page once read, so that the oldest of them was left out. */
    static final int RECOMMENDATIONS = 23;

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static String base;
    static Http http;
    static School school;
    static String cohort;
    static String child;
    static String guardian;

    @RegisterExtension
    final BrowserSession session = BrowserSession.of(1280, 1000);

    @BeforeAll
    static void aSchoolWithAChildAndItsGuardian() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        school = School.create(http, "Timeline School " + RUN, ADMIN);
        cohort = school.cohort("Class T");
        school.user(GUARDIAN, "GUARDIAN");
        child = school.child("Linnet-" + RUN, 2016, cohort);
        school.link(child, GUARDIAN);
        guardian = http.token(GUARDIAN, AccountsIT.PASSWORD);
        school.consent(child, guardian, "collection", "analysis");
    }

    @Test
    void everyRecommendationOfTheWeekIsListedTheOldestOfMoreThanTwentyTooAndTheReadIsAudited() throws Exception {
        // The family asks and answers again and again: each answer makes room for a new recommendation.
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= RECOMMENDATIONS; i++) {
            Http.Reply next = http.get("/api/v1/children/" + child + "/recommendations/next", guardian);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            String id = next.object().getString("recommendationId");
            assertThat(made).as("a new recommendation after each answer").doesNotContain(id);
            made.add(id);
            Http.Reply answer = http.post(
                    "/api/v1/recommendations/" + id + "/feedback",
                    Json.createObjectBuilder()
                            .add("helpful", i % 2 == 0)
                            .add("comment", answer(i))
                            .build()
                            .toString(),
                    guardian);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        List<JsonObject> stored = http.get("/api/v1/children/" + child + "/recommendations?limit=200", school.admin())
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertThat(stored).extracting(r -> r.getString("recommendationId")).containsExactlyInAnyOrderElementsOf(made);

        Instant opened = Instant.now().minusSeconds(1);
        Portal.logIn(session.browser(), base, ADMIN, AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/child.xhtml?id=" + child);
        session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("happeningsTitle")));
        List<String> rows =
                happenings().stream().filter(r -> r.contains("Recommendation")).toList();
        assertThat(rows).as("the recommendations listed").hasSize(RECOMMENDATIONS);
        assertThat(rows)
                .as("the oldest of the week's recommendations, with its answer")
                .anySatisfy(r -> assertThat(r).contains("“" + answer(1) + "”"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("“" + answer(RECOMMENDATIONS) + "”"));

        // The page's read of the child's recommendations is in the child's disclosure log, as the admin's.
        List<JsonObject> reads = http
                .get("/api/v1/children/" + child + "/disclosures?limit=100", school.admin())
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> Instant.parse(d.getString("at")).isAfter(opened))
                .filter(d -> ADMIN.equals(d.getString("actorName", null)))
                .toList();
        assertThat(reads)
                .extracting(d -> d.getString("resource"))
                .as("what the admin's page view read")
                .contains("Recommendations.madeBetween", "ChildTimeline.eventsDuring");
    }

    @Test
    void aSchoolEventBegunBeforeTheSevenDaysAndStillGoingOnInThemIsShownOneOverBeforeThemIsNot() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant tripStart = now.minus(8, ChronoUnit.DAYS);
        Instant tripEnd = now.minus(3, ChronoUnit.DAYS);
        schoolEvent("school_trip", tripStart, tripEnd);
        schoolEvent("sports_week", now.minus(12, ChronoUnit.DAYS), now.minus(9, ChronoUnit.DAYS));

        Portal.logIn(session.browser(), base, ADMIN, AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/child.xhtml?id=" + child);
        session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("happeningsTitle")));
        List<String> events =
                happenings().stream().filter(r -> r.contains("School event")).toList();
        assertThat(events)
                .as("the school events of the 7 days shown")
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith(WHEN.format(tripStart))
                        .contains("School trip, until " + WHEN.format(tripEnd)));
    }

    private static String answer(int i) {
        return "answer " + i + " of " + RECOMMENDATIONS;
    }

    private List<String> happenings() {
        return session.browser().findElements(By.cssSelector("[id$='happenings_data'] tr")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** A school event of the child's class, stored as the demo's seeder stores them (no API makes one yet). */
    private static void schoolEvent(String type, Instant start, Instant end) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement s = db.prepareStatement(
                        "INSERT INTO school_event"
                                + " (tenant_id, id, cohort_id, type, start_t, end_t, source) VALUES (?, ?, ?, ?, ?, ?, 'manual')")) {
            s.setString(1, school.tenantId());
            s.setString(2, UUID.randomUUID().toString());
            s.setString(3, cohort);
            s.setString(4, type);
            s.setObject(5, start.atOffset(ZoneOffset.UTC));
            s.setObject(6, end.atOffset(ZoneOffset.UTC));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
