package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real Chromium: log-in, the cohort dashboard (table, at-risk flags, charts, exports), and the tenant
 * wall.
 */
class PortalIT {

    static String base;
    static Http http;

    @RegisterExtension
    final BrowserSession session = BrowserSession.withDownloads(1280, 1000, "portal-downloads");

    @BeforeAll
    static void server() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
    }

    private void logIn(String user, String password) {
        Portal.logIn(session.browser(), base, user, password);
    }

    /** The menu's label; empty while an Ajax update replaces it. */
    private String cohortLabel() {
        try {
            return session.browser()
                    .findElement(By.id("cohort:cohortSelect_label"))
                    .getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private List<String> childNames() {
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:children_data tr")));
        return session.browser().findElements(By.cssSelector("#cohort\\:children_data tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void counsellorSeesCohortTableAndSleepChart() throws Exception {
        session.browser().get(base + "/portal/cohort.xhtml");
        session.await().until(ExpectedConditions.urlContains("/login.xhtml"));
        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));

        List<String> oak = childNames();
        assertThat(oak).hasSize(15).allMatch(name -> name.matches("[A-Z][a-z]+-\\d+"));
        String firstRow = session.browser()
                .findElement(By.cssSelector("#cohort\\:children_data tr"))
                .getText();
        assertThat(firstRow).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        WebElement canvas = session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:sleepChart canvas")));
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-cohort.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));

        // The second class of the counsellor's school, chosen as a user would. The menu is first brought to the middle
        // of the window, so that its overlay does not open under the page's header; a click that still lands while
        // the overlay is opening is lost (or finds the item not laid out yet) in a headless browser, and then the menu
        // is opened again.
        WebElement menu = session.browser().findElement(By.id("cohort:cohortSelect"));
        ((JavascriptExecutor) session.browser()).executeScript("arguments[0].scrollIntoView({block: 'center'});", menu);
        for (int attempt = 1; !cohortLabel().startsWith("Year 8 Birch"); attempt++) {
            assertThat(attempt).as("attempts to choose Year 8 Birch").isLessThanOrEqualTo(3);
            try {
                session.browser().findElement(By.id("cohort:cohortSelect")).click();
                session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(
                                By.xpath("//li[contains(@data-label,'Year 8 Birch')]")))
                        .click();
                new WebDriverWait(session.browser(), Duration.ofSeconds(5))
                        .until(d -> cohortLabel().startsWith("Year 8 Birch"));
            } catch (TimeoutException | ElementNotInteractableException e) {
                session.browser().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            }
        }
        session.await().until(d -> !childNames().equals(oak));
        assertThat(session.browser()
                        .findElement(By.id("cohort:cohortSelect_label"))
                        .getText())
                .startsWith("Year 8 Birch");
        assertThat(childNames()).hasSize(15).doesNotContainAnyElementsOf(oak);
    }

    /** The labels of the cohort menu's options, e.g. "Year 5 Oak (15 children)". */
    private List<String> cohortOptions() {
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#cohort\\:cohortSelect_input option")));
        return session.browser().findElements(By.cssSelector("#cohort\\:cohortSelect_input option")).stream()
                .map(o -> o.getAttribute("textContent").trim())
                .toList();
    }

    private static int childrenIn(List<String> options) {
        return options.stream()
                .mapToInt(o -> Integer.parseInt(o.replaceAll(".*\\((\\d+) children\\)$", "$1")))
                .sum();
    }

    @Test
    void theCounsellorSeesFewerClassesAndChildrenThanTheSchoolAdmin() {
        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        List<String> counsellors = cohortOptions();
        assertThat(counsellors).hasSize(2).noneMatch(o -> o.contains("Willow"));
        // A fresh session for the next account.
        session.browser().manage().deleteAllCookies();

        logIn("school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        // The demo's three classes (other tests may add classes of their own to the school).
        List<String> admins =
                cohortOptions().stream().filter(o -> o.matches("Year \\d .*")).toList();
        assertThat(admins).hasSize(3).anyMatch(o -> o.startsWith("Year 6 Willow"));
        assertThat(childrenIn(counsellors)).isEqualTo(30);
        assertThat(childrenIn(admins)).isEqualTo(40);
    }

    @Test
    void clinicianSeesOnlyTheClinicPanel() {
        logIn("clinician", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(childNames()).hasSize(12);
        String options =
                session.browser().findElement(By.id("cohort:cohortSelect")).getText();
        assertThat(options).contains("Sleep panel").doesNotContain("Oak").doesNotContain("Birch");
    }

    @Test
    void wrongPasswordStaysOnLoginWithAMessage() {
        logIn("counsellor", "wrong");
        WebElement message = session.await()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertThat(message.getText()).contains("Wrong user name or password");
        assertThat(session.browser().getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void parentIsNotLetIntoThePortal() {
        logIn("parent", "demo");
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(session.browser().findElement(By.tagName("h1")).getText()).contains("not open to your account");
        assertThat(session.browser().findElement(By.tagName("main")).getText()).contains("Parents use the ZenMoon app");
        assertThat(session.browser().findElements(By.id("cohort:children"))).isEmpty();
    }

    @Test
    void thePortalWorksUnderItsContentSecurityPolicyAndLogOutEndsTheSession() {
        logIn("school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(childNames()).isNotEmpty();
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:sleepChart canvas")));
        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked").isEmpty();

        session.browser().findElement(By.id("session:logout")).click();
        session.await().until(ExpectedConditions.urlContains("/login.xhtml"));
        session.browser().get(base + "/portal/cohort.xhtml");
        session.await().until(ExpectedConditions.urlContains("/login.xhtml"));
        assertThat(session.browser().findElements(By.id("cohort:children"))).isEmpty();
    }

    /** The ids of the alerts the inbox shows, read in one script call (the table is replaced when one arrives). */
    private Set<String> inboxAlertIds() {
        Object ids = ((JavascriptExecutor) session.browser())
                .executeScript("return Array.from(document.querySelectorAll('#inbox\\\\:alerts_data [data-alert-id]'))"
                        + ".map(e => e.getAttribute('data-alert-id'));");
        Set<String> result = new HashSet<>();
        for (Object id : (List<?>) ids) {
            result.add(String.valueOf(id));
        }
        return result;
    }

    private String inboxRow(String alertId) {
        return session.browser()
                .findElement(By.xpath("//tr[.//span[@data-alert-id='" + alertId + "']]"))
                .getText();
    }

    @Test
    void aNewAlertArrivesLiveInTheCounsellorsInboxAndIsAcknowledgedWithANote() throws Exception {
        Http http = new Http(base);
        String counsellor = http.token("counsellor");
        // A child of Year 5 Oak, the counsellor's class, with collection consent.
        JsonObject oakChild =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                        .filter(c -> Devices.collects(http, c.getString("childId"), counsellor))
                        .sorted(java.util.Comparator.comparing(c -> c.getString("childId")))
                        .findFirst()
                        .orElseThrow();
        String child = oakChild.getString("childId");
        String pseudonym = oakChild.getString("pseudonym");

        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navAlerts")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/alerts.xhtml"));
        session.await()
                .until(d -> "true".equals(d.findElement(By.id("inboxLive")).getAttribute("data-live")));
        Instant uploadedAt = Instant.now().minusSeconds(5);
        Http.Reply paired = Devices.pair(http, child, "Inbox band", counsellor);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        Devices.uploadAnAnomaly(
                http, paired.object().getString("deviceId"), paired.object().getString("deviceToken"));
        String alertId = http.get(
                        "/api/v1/children/" + child + "/alerts?from="
                                + URLEncoder.encode(uploadedAt.toString(), StandardCharsets.UTF_8),
                        counsellor)
                .object()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("alertId");

        // No reload: the push brings it.
        session.await().until(d -> inboxAlertIds().contains(alertId));
        assertThat(inboxRow(alertId))
                .contains(pseudonym)
                .contains("Wearable readings unusual")
                .contains("Open")
                .doesNotContain("device_anomaly");
        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked on the inbox").isEmpty();
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-alerts.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));

        session.await()
                .until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//tr[.//span[@data-alert-id='" + alertId + "']]//button[contains(@class,'zm-ack')]")))
                .click();
        session.await().until(d -> d.findElement(By.id("ackTitle")).getText().contains(pseudonym));
        session.await()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox:note")))
                .sendKeys("Called the family; the band was loose.");
        session.await()
                .until(ExpectedConditions.elementToBeClickable(By.id("inbox:saveAck")))
                .click();
        session.await().until(d -> inboxRow(alertId).contains("Acknowledged by counsellor"));
        assertThat(inboxRow(alertId)).contains("Called the family; the band was loose.");

        JsonObject listed = http
                .get("/api/v1/children/" + child + "/alerts", counsellor)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(a -> a.getString("alertId").equals(alertId))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getString("acknowledgedBy")).isEqualTo("counsellor");
        List<JsonObject> log = http.get(
                        "/api/v1/children/" + child + "/disclosures?limit=100", http.token("school.admin"))
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(log).anySatisfy(d -> {
            assertThat(d.getString("actorName")).isEqualTo("counsellor");
            assertThat(d.getString("resource")).isEqualTo("Alerts.inbox");
            assertThat(d.getString("action")).isEqualTo("read");
        });
        assertThat(log).anySatisfy(d -> {
            assertThat(d.getString("actorName")).isEqualTo("counsellor");
            assertThat(d.getString("resource")).isEqualTo("Alerts.acknowledge");
            assertThat(d.getString("action")).isEqualTo("write");
            assertThat(d.getString("outcome")).isEqualTo("ok");
        });

        // The child's name leads to its page.
        session.await()
                .until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//tr[.//span[@data-alert-id='" + alertId + "']]//a[contains(@class,'zm-child-link')]")))
                .click();
        session.await().until(ExpectedConditions.urlContains("/portal/child.xhtml"));
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")))
                        .getText())
                .isEqualTo(pseudonym);
    }

    private Set<String> runIds() {
        Object ids = ((JavascriptExecutor) session.browser())
                .executeScript("return Array.from(document.querySelectorAll('[data-execution-id]'))"
                        + ".map(e => e.getAttribute('data-execution-id'));");
        Set<String> result = new HashSet<>();
        for (Object id : (List<?>) ids) {
            result.add(String.valueOf(id));
        }
        return result;
    }

    private String runRow(String executionId) {
        return session.browser()
                .findElement(By.xpath("//tr[.//span[@data-execution-id='" + executionId + "']]"))
                .getText();
    }

    @Test
    void theSchoolAdminRunsAJobAndFollowsItToTheEndWhileACounsellorHasNoJobMonitor() throws Exception {
        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(session.browser().findElements(By.id("navJobs")))
                .as("the counsellor's menu")
                .isEmpty();
        session.browser().get(base + "/portal/jobs.xhtml");
        assertThat(session.browser().getPageSource()).doesNotContain("Recent runs");
        assertThat(session.browser().findElement(By.id("forbiddenTitle")).getText())
                .contains("not open to your account");
        assertThat(session.browser().findElements(By.cssSelector("[data-job]"))).isEmpty();
        session.browser().manage().deleteAllCookies();

        logIn("school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navJobs")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/jobs.xhtml"));
        Set<String> before = runIds();
        // Another test's or the schedule's run of the job may still hold the tenant's slot: then the page says so,
        // and the admin tries again a little later.
        for (int attempt = 1; before.containsAll(runIds()); attempt++) {
            assertThat(attempt).as("attempts to start the chronotype job").isLessThanOrEqualTo(10);
            session.browser()
                    .findElement(By.cssSelector("[data-job='chronotype']"))
                    .click();
            try {
                new WebDriverWait(session.browser(), Duration.ofSeconds(5)).until(d -> !before.containsAll(runIds()));
            } catch (TimeoutException e) {
                assertThat(session.browser().findElement(By.id("jobs:messages")).getText())
                        .contains("running for this tenant");
            }
        }
        Set<String> started = runIds();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        String run = started.iterator().next();
        assertThat(runRow(run)).contains("Chronotypes").contains("on request");

        // The page polls while the run is active: no reload.
        // Each poll replaces the rows: a row read while it is replaced is read again.
        new WebDriverWait(session.browser(), Duration.ofSeconds(120))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> runRow(run).contains("Completed"));
        String done = runRow(run);
        assertThat(done).contains("100%");
        Files.write(
                LaunchedServer.WORK.resolve("portal-jobs.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
        Http http = new Http(base);
        JsonObject status = http.get("/api/v1/admin/jobs/" + run, http.token("school.admin"))
                .object();
        assertThat(status.getString("status")).isEqualToIgnoringCase("completed");
        assertThat(done).contains(status.getInt("read") + " of ");
    }

    @Test
    void aChildsPageShowsItsTimelineChronotypeAndForecastsInWordsAndAnotherClassesChildIsNotFound() throws Exception {
        Http http = new Http(base);
        String counsellor = http.token("counsellor");
        JsonObject oakChild =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                        .sorted(java.util.Comparator.comparing(c -> c.getString("childId")))
                        .findFirst()
                        .orElseThrow();
        String willowChild = http
                .get("/api/v1/children", http.token("school.admin"))
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(c -> c.getString("cohortName").equals("Year 6 Willow"))
                .map(c -> c.getString("childId"))
                .findFirst()
                .orElseThrow();

        java.time.Instant sessionStart = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .minusSeconds(3 * 3600);
        Http.Reply logged = http.post(
                "/api/v1/children/" + oakChild.getString("childId") + "/interventions",
                AccountsIT.object(Map.of(
                        "type",
                        "mindfulness",
                        "start",
                        sessionStart.toString(),
                        "end",
                        sessionStart.plusSeconds(15 * 60).toString())),
                counsellor);
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);

        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/child.xhtml?id=" + oakChild.getString("childId"));
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")))
                        .getText())
                .isEqualTo(oakChild.getString("pseudonym"));
        WebElement timeline = session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='timeline'] canvas")));
        assertThat(timeline.getSize().getHeight()).isGreaterThan(200);
        String main = session.browser().findElement(By.tagName("main")).getText();
        String measured = main.replaceAll("(?s).*· (\\d+) minutes measured.*", "$1");
        assertThat(Integer.parseInt(measured))
                .as("minutes of the last 7 days in the demo")
                .isPositive();
        // The demo logs mindfulness sessions too: the row of this one is found by its time.
        String loggedAt = java.time.format.DateTimeFormatter.ofPattern(
                        "EEE d MMM, HH:mm 'UTC'", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC)
                .format(sessionStart);
        assertThat(session.browser().findElements(By.cssSelector("[id$='happenings_data'] tr")).stream()
                        .map(WebElement::getText)
                        .filter(row -> row.startsWith(loggedAt)))
                .as("what happened, with the session the counsellor logged 3 hours ago")
                .anyMatch(row -> row.contains("Intervention logged by staff") && row.contains("Mindfulness"));
        String card = session.browser().findElement(By.id("chronotypeCard")).getText();
        assertThat(card).doesNotContain("early_bird").doesNotContain("night_owl");
        assertThat(card).containsPattern("Early bird|Intermediate|Night owl|Insufficient data");
        assertThat(session.browser().findElement(By.id("sleepForecastNote")).getText())
                .containsPattern("^(Model |Not computed yet|Insufficient data)");
        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked on a child's page").isEmpty();
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-child.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));

        // The 7 days before, then back; a date that is not one says so and shows the latest.
        session.browser().findElement(By.id("earlierWeek")).click();
        session.await().until(ExpectedConditions.urlContains("until="));
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("timelineTitle")))
                        .getText())
                .isEqualTo("7 days, hour by hour");
        String week = session.browser().findElement(By.tagName("main")).getText();
        assertThat(Integer.parseInt(week.replaceAll("(?s).*· (\\d+) minutes measured.*", "$1")))
                .as("minutes of the 7 days before, in the demo's 60 days")
                .isPositive();
        java.time.LocalDate shown =
                java.time.LocalDate.parse(session.browser().getCurrentUrl().replaceAll(".*until=([0-9-]{10}).*", "$1"));
        java.time.LocalDate next = shown.plusDays(7);
        session.browser().findElement(By.id("laterWeek")).click();
        if (next.isBefore(java.time.LocalDate.now(java.time.ZoneOffset.UTC))) {
            session.await().until(ExpectedConditions.urlContains("until=" + next));
        } else {
            session.await()
                    .until(d ->
                            d.findElement(By.id("timelineTitle")).getText().equals("The last 7 days, hour by hour"));
        }
        session.browser().get(base + "/portal/child.xhtml?id=" + oakChild.getString("childId") + "&until=soon");
        assertThat(session.browser().findElement(By.id("weekMessages")).getText())
                .contains("not a date");
        assertThat(session.browser().findElement(By.id("timelineTitle")).getText())
                .isEqualTo("The last 7 days, hour by hour");

        session.browser().get(base + "/portal/child.xhtml?id=" + willowChild);
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("errorTitle")))
                        .getText())
                .contains("does not exist");
        assertThat(session.browser().getPageSource()).doesNotContain(willowChild);
        session.browser().get(base + "/portal/child.xhtml?id=" + "x".repeat(60));
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("errorTitle")))
                        .getText())
                .contains("does not exist");
    }

    @Test
    void whatWorksShowsTheCausalEstimatesInWordsWithAForestPlot() throws Exception {
        Http http = new Http(base);
        JsonObject run = Jobs.runToTheEnd(http, "causal-effects", http.token("school.admin"));
        assertThat(run.getString("status")).isEqualToIgnoringCase("completed");

        logIn("school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navInsights")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/insights.xhtml"));
        List<WebElement> insights =
                session.await().until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".zm-insight")));
        assertThat(insights).isNotEmpty();
        String page = session.browser().findElement(By.tagName("main")).getText();
        assertThat(page)
                .doesNotContain("evening_stress")
                .doesNotContain("no_evidence")
                .doesNotContain("insufficient_data")
                .containsPattern("(lowered|raised|lengthened|shortened|No clear effect of|Insufficient data for)");
        if (page.contains("95% CI")) {
            assertThat(session.await()
                            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".zm-forest canvas")))
                            .getSize()
                            .getHeight())
                    .isGreaterThan(50);
        }
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-insights.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
    }

    // ---- The cohort dashboard (issue #16, item 1) ----

    /** A school of its own, set up through the API, whose one class holds a child the at-risk rule flags. */
    record DashSchool(
            String counsellor, String classA, String classB, String lynxId, String lynx, String wren, String otter) {}

    static DashSchool dashSchool;

    static synchronized DashSchool dashSchool() throws Exception {
        if (dashSchool != null) {
            return dashSchool;
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        School school = School.create(http, "Dashboard School " + run, "dash.admin." + run);
        String admin = school.admin();
        String classA = school.cohort("Class A");
        String classB = school.cohort("Class B");
        String counsellor = "dash.counsellor." + run;
        school.user(counsellor, "COUNSELLOR", classA);
        String guardian = "dash.parent." + run;
        school.user(guardian, "GUARDIAN");
        String lynx = "Lynx-" + run;
        String wren = "Wren-" + run;
        String otter = "Otter-" + run;
        String lynxId = school.child(lynx, 2016, classA);
        String wrenId = school.child(wren, 2016, classA);
        school.child(otter, 2015, classB);
        String parent = http.token(guardian, AccountsIT.PASSWORD);
        school.link(lynxId, guardian);
        school.link(wrenId, guardian);
        // Lynx may be analysed; Wren's guardian agreed to collection only.
        school.consent(lynxId, parent, "collection", "analysis");
        school.consent(wrenId, parent, "collection");

        // Half an hour a day: stress 0.2 on four days of the usual weeks, 0.5 on four of the last seven. So Lynx's
        // stress rose by 0.3 over its own usual (sustained stress), and the watch recorded far less than half of
        // the last week (missed wear).
        Http.Reply paired = http.post(
                "/api/v1/devices/pair",
                Json.createObjectBuilder()
                        .add("childId", lynxId)
                        .add("label", "Dashboard band")
                        .build()
                        .toString(),
                parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int daysAgo : new int[] {20, 19, 18, 17, 5, 4, 3, 2}) {
            Instant start = today.minusDays(daysAgo).atTime(10, 0).toInstant(ZoneOffset.UTC);
            for (int minute = 0; minute < 30; minute++) {
                epochs.add(Json.createObjectBuilder()
                        .add("t", start.plusSeconds(60L * minute).toString())
                        .add("hr", 88.0)
                        .add("stress", daysAgo > 7 ? 0.2 : 0.5)
                        .add("wear", true));
            }
        }
        Http.Reply uploaded = http.post(
                "/api/v1/ingest/batches",
                Json.createObjectBuilder()
                        .add("batchId", "dashboard-" + run)
                        .add("deviceId", paired.object().getString("deviceId"))
                        .add("epochs", epochs)
                        .build()
                        .toString(),
                paired.object().getString("deviceToken"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.object().getInt("accepted")).isEqualTo(240);
        dashSchool = new DashSchool(counsellor, classA, classB, lynxId, lynx, wren, otter);
        return dashSchool;
    }

    /** The table's row of the child named so. */
    private WebElement row(String pseudonym) {
        return session.await()
                .until(d -> d.findElements(By.cssSelector("#cohort\\:children_data tr")).stream()
                        .filter(r -> r.getText().startsWith(pseudonym))
                        .findFirst()
                        .orElse(null));
    }

    /** The audit trail's last row so far. */
    private static long lastAuditRow() throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT coalesce(max(id), 0) FROM audit_event");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The export rows of {@code username} after the row {@code after}: the child of each. */
    private static List<String> exportAudit(String username, String cohortId, long after) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT a.child_id, a.outcome FROM audit_event a "
                        + "JOIN app_user u ON u.id = a.actor_id WHERE u.username = ? AND a.action = 'export' "
                        + "AND a.resource = ? AND a.id > ? ORDER BY a.id")) {
            q.setString(1, username);
            q.setString(2, "CohortOverview.exportDashboard cohort " + cohortId);
            q.setLong(3, after);
            List<String> children = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(2)).isEqualTo("ok");
                    children.add(rs.getString(1));
                }
            }
            return children;
        }
    }

    /** The first column of each row of an exported CSV file (PrimeFaces quotes every value), header left out. */
    private static List<String> firstColumn(Path csv) throws Exception {
        return Files.readAllLines(csv).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.substring(1, line.indexOf('"', 1)))
                .toList();
    }

    /** Clicks the export button and waits for the file Chromium saves. */
    private Path export(String button, String extension) throws Exception {
        try (var old = Files.list(session.downloads())) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        session.browser().findElement(By.id(button)).click();
        return session.downloaded(extension);
    }

    @Test
    void aChildAtRiskIsFlaggedWithTheConditionThatFiredOnHoverAndTheAtRiskExportHoldsOnlyIt() throws Exception {
        DashSchool school = dashSchool();
        logIn(school.counsellor(), AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        // Only the counsellor's class: not the other class of the school.
        assertThat(childNames()).containsExactlyInAnyOrder(school.lynx(), school.wren());
        assertThat(session.browser().findElement(By.id("cohort:atRiskCount")).getText())
                .isEqualTo("1 of 1 assessed children at risk");

        WebElement lynx = row(school.lynx());
        List<WebElement> flags = lynx.findElements(By.cssSelector(".zm-flag"));
        assertThat(flags).extracting(WebElement::getText).containsExactly("Sustained stress", "Missed wear");
        new Actions(session.browser()).moveToElement(flags.get(0)).perform();
        WebElement tip = session.await()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-tooltip .ui-tooltip-text")));
        assertThat(tip.getText())
                .startsWith("Sustained stress: mean stress 0.50 over the last 7 days against 0.20 over the child's own"
                        + " 28 days before them")
                .contains("a rise of 0.10 or more");
        new Actions(session.browser()).moveToElement(flags.get(1)).perform();
        session.await()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".ui-tooltip .ui-tooltip-text"), "Missed wear: 1% of the last 7 days' minutes"));
        assertThat(row(school.wren()).getText()).contains("Not assessed");
        session.browser().findElement(By.cssSelector("#rule summary")).click();
        assertThat(session.browser().findElement(By.id("rule")).getText())
                .contains(
                        "Sustained stress: mean stress of the last 7 days at least 0.10 above the mean of the 28 days")
                .contains("Sleep debt:", "Missed wear:");
        assertThat(lynx.getText()).contains("Not known");

        // At risk only, then the export: the file and the audit trail hold Lynx alone.
        session.browser()
                .findElement(By.cssSelector("#cohort\\:children\\:atRiskOnly .ui-chkbox-box"))
                .click();
        session.await().until(d -> childNames().equals(List.of(school.lynx())));
        long before = lastAuditRow();
        Path csv = export("cohort:exportCsv", ".csv");
        assertThat(firstColumn(csv)).containsExactly(school.lynx());
        assertThat(Files.readString(csv)).contains("Sustained stress; Missed wear");
        assertThat(exportAudit(school.counsellor(), school.classA(), before)).containsExactly(school.lynxId());
        Files.write(
                LaunchedServer.WORK.resolve("portal-dashboard-at-risk.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theDashboardShowsChronotypesInWordsAndItsExportsHoldTheCohortAloneAudited() throws Exception {
        String counsellor = http.token("counsellor");
        Map<String, List<JsonObject>> byClass =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .collect(Collectors.groupingBy(c -> c.getString("cohortName")));
        List<String> oak = byClass.get("Year 5 Oak").stream()
                .map(c -> c.getString("pseudonym"))
                .toList();
        List<String> oakIds = byClass.get("Year 5 Oak").stream()
                .map(c -> c.getString("childId"))
                .toList();
        String oakId = byClass.get("Year 5 Oak").get(0).getString("cohortId");
        List<String> others = http.get("/api/v1/children", http.token("school.admin")).json().asJsonArray().stream()
                .map(JsonObject.class::cast)
                .filter(c -> !c.getString("cohortName").equals("Year 5 Oak"))
                .map(c -> c.getString("pseudonym"))
                .toList();
        assertThat(oak).hasSize(15);
        assertThat(others).isNotEmpty();

        // The chronotype job stores the children's categories (the nightly schedule is off in the tests).
        assertThat(Jobs.runToTheEnd(http, "chronotype", http.token("school.admin"))
                        .getString("status"))
                .isEqualTo("COMPLETED");
        Map<String, String> inWords =
                Map.of("early_bird", "Early bird", "intermediate", "Intermediate", "night_owl", "Night owl");
        List<String> oakChronotypes =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 5 Oak") && !c.isNull("chronotype"))
                        .map(c -> inWords.get(c.getString("chronotype")))
                        .distinct()
                        .toList();
        assertThat(oakChronotypes).isNotEmpty();

        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(childNames()).containsExactlyInAnyOrderElementsOf(oak);
        // Chronotypes in words; no code in the page, shown or not.
        String text =
                session.browser().findElement(By.id("cohort:children_data")).getText();
        assertThat(oakChronotypes).allSatisfy(words -> assertThat(text).contains(words));
        assertThat(session.browser().getPageSource()).doesNotContain("early_bird", "night_owl", "sustained_stress");
        for (String chart : List.of("stressChart", "sleepChart", "chronotypeChart")) {
            WebElement canvas = session.await()
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#cohort\\:" + chart + " canvas")));
            assertThat(canvas.getSize().getHeight()).as(chart).isGreaterThan(100);
        }

        long before = lastAuditRow();
        Path csv = export("cohort:exportCsv", ".csv");
        assertThat(csv.getFileName().toString()).startsWith("Year-5-Oak-");
        String content = Files.readString(csv);
        assertThat(content.lines().findFirst().orElseThrow()).contains("Child", "At risk", "Chronotype");
        assertThat(firstColumn(csv)).containsExactlyInAnyOrderElementsOf(oak).doesNotContainAnyElementsOf(others);
        assertThat(oakChronotypes).allSatisfy(words -> assertThat(content).contains(words));
        assertThat(content).doesNotContain("intermediate", "early_bird", "night_owl");
        assertThat(exportAudit("counsellor", oakId, before)).containsExactlyInAnyOrderElementsOf(oakIds);

        long beforePdf = lastAuditRow();
        Path pdf = export("cohort:exportPdf", ".pdf");
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        assertThat(exportAudit("counsellor", oakId, beforePdf)).containsExactlyInAnyOrderElementsOf(oakIds);
    }

    /** The texts of the table's cells and column titles that are wider than their box. */
    @SuppressWarnings("unchecked")
    private List<String> clippedCells() {
        return (List<String>) ((JavascriptExecutor) session.browser())
                .executeScript("return Array.from(document.querySelectorAll('[id=\"cohort:children_data\"] td, "
                        + "[id=\"cohort:children_head\"] th'))"
                        + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);");
    }

    /** Whether the page itself scrolls sideways. */
    private boolean pageScrollsSideways() {
        return (Boolean) ((JavascriptExecutor) session.browser())
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
    }

    @Test
    void theDashboardFitsWindowsOf1280And768Pixels() throws Exception {
        logIn("counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        for (int width : new int[] {1280, 768}) {
            session.browser().manage().window().setSize(new Dimension(width, 1000));
            session.browser().navigate().refresh();
            assertThat(childNames()).hasSize(15);
            session.await()
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#cohort\\:chronotypeChart canvas")));
            assertThat(pageScrollsSideways())
                    .as("the page scrolls sideways at %d px", width)
                    .isFalse();
            assertThat(clippedCells())
                    .as("cells whose text is cut off at %d px", width)
                    .isEmpty();
            for (String id : List.of("cohort:exportCsv", "cohort:exportPdf", "cohort:cohortSelect")) {
                WebElement e = session.browser().findElement(By.id(id));
                assertThat(e.isDisplayed()).as(id).isTrue();
                assertThat(e.getRect().getX() + e.getRect().getWidth())
                        .as("%s inside the window at %d px", id, width)
                        .isLessThanOrEqualTo(width);
            }
            for (String chart : List.of("stressChart", "sleepChart", "chronotypeChart")) {
                WebElement canvas = session.browser().findElement(By.cssSelector("#cohort\\:" + chart + " canvas"));
                assertThat(canvas.getRect().getX() + canvas.getRect().getWidth())
                        .as("%s inside the window at %d px", chart, width)
                        .isLessThanOrEqualTo(width);
            }
            Files.write(
                    LaunchedServer.WORK.resolve("portal-dashboard-" + width + ".png"),
                    ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void everyPortalPageHasNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        Http http = new Http(base);
        String child = http
                .get("/api/v1/children", http.token("school.admin"))
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(c -> c.getString("childId"))
                .sorted()
                .findFirst()
                .orElseThrow();
        logIn("school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("cohort", "/portal/cohort.xhtml");
        pages.put("alerts", "/portal/alerts.xhtml");
        pages.put("insights", "/portal/insights.xhtml");
        pages.put("jobs", "/portal/jobs.xhtml");
        pages.put("child", "/portal/child.xhtml?id=" + child);
        Map<String, String> violations = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            session.browser().get(base + page.getValue());
            session.await()
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1, main .ui-datatable")));
            String found = Axe.seriousViolations((JavascriptExecutor) session.browser());
            if (!found.equals("[]")) {
                violations.put(page.getKey(), found);
            }
        }
        assertThat(violations)
                .as("axe-core's serious and critical violations per page")
                .isEmpty();
    }

    @Test
    void aPseudonymHoldingAScriptIsShownAsTextOnTheDashboardAndTheChildsPage() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        School school = School.create(http, "Escape School " + run, "escape.admin." + run);
        String cohort = school.cohort("Class <b>bold</b>");
        String counsellor = "escape.counsellor." + run;
        school.user(counsellor, "COUNSELLOR", cohort);
        String pseudonym = "<script>window.zmInjected=1</script><img src=x onerror=\"window.zmInjected=2\">";
        String child = school.child(pseudonym, 2016, cohort);

        logIn(counsellor, AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.await().until(d -> childNames().contains(pseudonym));
        assertThat(session.browser()
                        .findElement(By.id("cohort:cohortSelect_label"))
                        .getText())
                .contains("Class <b>bold</b>");
        assertThat(((JavascriptExecutor) session.browser()).executeScript("return window.zmInjected === undefined;"))
                .isEqualTo(true);

        session.browser().get(base + "/portal/child.xhtml?id=" + child);
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")))
                        .getText())
                .isEqualTo(pseudonym);
        assertThat(session.browser().getTitle()).contains("<script>");
        assertThat(((JavascriptExecutor) session.browser()).executeScript("return window.zmInjected === undefined;"))
                .isEqualTo(true);
    }
}
