package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The portal in a real Chromium: log-in, the cohort table and chart, and the tenant wall. */
class PortalIT {

    static String base;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void server() throws Exception {
        base = SharedServer.get().baseUrl();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.start(1280, 1000);
        // An Ajax update replaces the table under the test's feet: a stale row is read again, not an error.
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void logIn(String user, String password) {
        browser.get(base + "/login.xhtml");
        browser.findElement(By.id("login:username")).sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    /** The menu's label; empty while an Ajax update replaces it. */
    private String cohortLabel() {
        try {
            return browser.findElement(By.id("cohort:cohortSelect_label")).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private List<String> childNames() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:children_data tr")));
        return browser.findElements(By.cssSelector("#cohort\\:children_data tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void counsellorSeesCohortTableAndSleepChart() throws Exception {
        browser.get(base + "/portal/cohort.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        logIn("counsellor", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));

        List<String> oak = childNames();
        assertThat(oak).hasSize(15).allMatch(name -> name.matches("[A-Z][a-z]+-\\d+"));
        String firstRow = browser.findElement(By.cssSelector("#cohort\\:children_data tr"))
                .getText();
        assertThat(firstRow).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        WebElement canvas =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:sleepChart canvas")));
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-cohort.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The second class of the counsellor's school, chosen as a user would. The menu is first brought to the middle
        // of the window, so that its overlay does not open under the page's header; a click that still lands while
        // the overlay is opening is lost in a headless browser, and then the menu is opened again.
        WebElement menu = browser.findElement(By.id("cohort:cohortSelect"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", menu);
        for (int attempt = 1; !cohortLabel().startsWith("Year 8 Birch"); attempt++) {
            assertThat(attempt).as("attempts to choose Year 8 Birch").isLessThanOrEqualTo(3);
            try {
                browser.findElement(By.id("cohort:cohortSelect")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(
                                By.xpath("//li[contains(@data-label,'Year 8 Birch')]")))
                        .click();
                new WebDriverWait(browser, Duration.ofSeconds(5))
                        .until(d -> cohortLabel().startsWith("Year 8 Birch"));
            } catch (TimeoutException | ElementClickInterceptedException e) {
                browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            }
        }
        wait.until(d -> !childNames().equals(oak));
        assertThat(browser.findElement(By.id("cohort:cohortSelect_label")).getText())
                .startsWith("Year 8 Birch");
        assertThat(childNames()).hasSize(15).doesNotContainAnyElementsOf(oak);
    }

    /** The labels of the cohort menu's options, e.g. "Year 5 Oak (15 children)". */
    private List<String> cohortOptions() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:cohortSelect_input option")));
        return browser.findElements(By.cssSelector("#cohort\\:cohortSelect_input option")).stream()
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
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        List<String> counsellors = cohortOptions();
        assertThat(counsellors).hasSize(2).noneMatch(o -> o.contains("Willow"));
        // A fresh session for the next account.
        browser.manage().deleteAllCookies();

        logIn("school.admin", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
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
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(childNames()).hasSize(12);
        String options = browser.findElement(By.id("cohort:cohortSelect")).getText();
        assertThat(options).contains("Sleep panel").doesNotContain("Oak").doesNotContain("Birch");
    }

    @Test
    void wrongPasswordStaysOnLoginWithAMessage() {
        logIn("counsellor", "wrong");
        WebElement message =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertThat(message.getText()).contains("Wrong user name or password");
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void parentIsNotLetIntoThePortal() {
        logIn("parent", "demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("not open to your account");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Parents use the ZenMoon app");
        assertThat(browser.findElements(By.id("cohort:children"))).isEmpty();
    }

    @Test
    void thePortalWorksUnderItsContentSecurityPolicyAndLogOutEndsTheSession() {
        logIn("school.admin", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(childNames()).isNotEmpty();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cohort\\:sleepChart canvas")));
        List<String> blocked = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked").isEmpty();

        browser.findElement(By.id("session:logout")).click();
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.get(base + "/portal/cohort.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        assertThat(browser.findElements(By.id("cohort:children"))).isEmpty();
    }

    /** The ids of the alerts the inbox shows, read in one script call (the table is replaced when one arrives). */
    private Set<String> inboxAlertIds() {
        Object ids = ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('#inbox\\\\:alerts_data [data-alert-id]'))"
                        + ".map(e => e.getAttribute('data-alert-id'));");
        Set<String> result = new HashSet<>();
        for (Object id : (List<?>) ids) {
            result.add(String.valueOf(id));
        }
        return result;
    }

    private String inboxRow(String alertId) {
        return browser.findElement(By.xpath("//tr[.//span[@data-alert-id='" + alertId + "']]"))
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
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        browser.findElement(By.id("navAlerts")).click();
        wait.until(ExpectedConditions.urlContains("/portal/alerts.xhtml"));
        wait.until(d -> "true".equals(d.findElement(By.id("inboxLive")).getAttribute("data-live")));
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
        wait.until(d -> inboxAlertIds().contains(alertId));
        assertThat(inboxRow(alertId))
                .contains(pseudonym)
                .contains("Wearable readings unusual")
                .contains("Open")
                .doesNotContain("device_anomaly");
        List<String> blocked = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked on the inbox").isEmpty();
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-alerts.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//tr[.//span[@data-alert-id='" + alertId + "']]//button[contains(@class,'zm-ack')]")))
                .click();
        wait.until(d -> d.findElement(By.id("ackTitle")).getText().contains(pseudonym));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox:note")))
                .sendKeys("Called the family; the band was loose.");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("inbox:saveAck")))
                .click();
        wait.until(d -> inboxRow(alertId).contains("Acknowledged by counsellor"));
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
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//tr[.//span[@data-alert-id='" + alertId + "']]//a[contains(@class,'zm-child-link')]")))
                .click();
        wait.until(ExpectedConditions.urlContains("/portal/child.xhtml"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")))
                        .getText())
                .isEqualTo(pseudonym);
    }

    private Set<String> runIds() {
        Object ids = ((JavascriptExecutor) browser)
                .executeScript("return Array.from(document.querySelectorAll('[data-execution-id]'))"
                        + ".map(e => e.getAttribute('data-execution-id'));");
        Set<String> result = new HashSet<>();
        for (Object id : (List<?>) ids) {
            result.add(String.valueOf(id));
        }
        return result;
    }

    private String runRow(String executionId) {
        return browser.findElement(By.xpath("//tr[.//span[@data-execution-id='" + executionId + "']]"))
                .getText();
    }

    @Test
    void theSchoolAdminRunsAJobAndFollowsItToTheEndWhileACounsellorHasNoJobMonitor() throws Exception {
        logIn("counsellor", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(browser.findElements(By.id("navJobs")))
                .as("the counsellor's menu")
                .isEmpty();
        browser.get(base + "/portal/jobs.xhtml");
        assertThat(browser.getPageSource()).doesNotContain("Recent runs");
        assertThat(browser.findElement(By.id("forbiddenTitle")).getText()).contains("not open to your account");
        assertThat(browser.findElements(By.cssSelector("[data-job]"))).isEmpty();
        browser.manage().deleteAllCookies();

        logIn("school.admin", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        browser.findElement(By.id("navJobs")).click();
        wait.until(ExpectedConditions.urlContains("/portal/jobs.xhtml"));
        Set<String> before = runIds();
        // Another test's or the schedule's run of the job may still hold the tenant's slot: then the page says so,
        // and the admin tries again a little later.
        for (int attempt = 1; before.containsAll(runIds()); attempt++) {
            assertThat(attempt).as("attempts to start the chronotype job").isLessThanOrEqualTo(10);
            browser.findElement(By.cssSelector("[data-job='chronotype']")).click();
            try {
                new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !before.containsAll(runIds()));
            } catch (TimeoutException e) {
                assertThat(browser.findElement(By.id("jobs:messages")).getText())
                        .contains("running for this tenant");
            }
        }
        Set<String> started = runIds();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        String run = started.iterator().next();
        assertThat(runRow(run)).contains("Chronotypes").contains("on request");

        // The page polls while the run is active: no reload.
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> runRow(run).contains("Completed"));
        String done = runRow(run);
        assertThat(done).contains("100%");
        Files.write(
                LaunchedServer.WORK.resolve("portal-jobs.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
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

        logIn("counsellor", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        browser.get(base + "/portal/child.xhtml?id=" + oakChild.getString("childId"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")))
                        .getText())
                .isEqualTo(oakChild.getString("pseudonym"));
        WebElement timeline =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='timeline'] canvas")));
        assertThat(timeline.getSize().getHeight()).isGreaterThan(200);
        String main = browser.findElement(By.tagName("main")).getText();
        String measured = main.replaceAll("(?s).*· (\\d+) minutes measured.*", "$1");
        assertThat(Integer.parseInt(measured))
                .as("minutes of the last 7 days in the demo")
                .isPositive();
        String card = browser.findElement(By.id("chronotypeCard")).getText();
        assertThat(card).doesNotContain("early_bird").doesNotContain("night_owl");
        assertThat(card).containsPattern("Early bird|Intermediate|Night owl|Insufficient data");
        assertThat(browser.findElement(By.id("sleepForecastNote")).getText())
                .containsPattern("^(Model |Not computed yet|Insufficient data)");
        List<String> blocked = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked on a child's page").isEmpty();
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-child.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.get(base + "/portal/child.xhtml?id=" + willowChild);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errorTitle")))
                        .getText())
                .contains("does not exist");
        assertThat(browser.getPageSource()).doesNotContain(willowChild);
        browser.get(base + "/portal/child.xhtml?id=" + "x".repeat(60));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errorTitle")))
                        .getText())
                .contains("does not exist");
    }

    @Test
    void whatWorksShowsTheCausalEstimatesInWordsWithAForestPlot() throws Exception {
        Http http = new Http(base);
        JsonObject run = Jobs.runToTheEnd(http, "causal-effects", http.token("school.admin"));
        assertThat(run.getString("status")).isEqualToIgnoringCase("completed");

        logIn("school.admin", "demo");
        wait.until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        browser.findElement(By.id("navInsights")).click();
        wait.until(ExpectedConditions.urlContains("/portal/insights.xhtml"));
        List<WebElement> insights =
                wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector(".zm-insight")));
        assertThat(insights).isNotEmpty();
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page)
                .doesNotContain("evening_stress")
                .doesNotContain("no_evidence")
                .doesNotContain("insufficient_data")
                .containsPattern("(lowered|raised|lengthened|shortened|No clear effect of|Insufficient data for)");
        if (page.contains("95% CI")) {
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".zm-forest canvas")))
                            .getSize()
                            .getHeight())
                    .isGreaterThan(50);
        }
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-insights.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
