package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zenmoon.analysis.recommend.InterventionCatalogue;

/**
 * The tenant admin's read-only portal pages of issue #16: the recommender's A/B report (per arm the model version,
 * exposures, 👍 rate on its Wilson interval, the p-value in words, the history of promotions and rollbacks), and the
 * disclosure log on a child's page. The A/B test runs in a school of its own, made through the API, whose families
 * answer by a preference the server does not know: the demo school's recommender stays at the cold start that
 * {@link RecommendationsIT} starts from, whichever class runs first.
 */
class PortalModelsIT {

    /** Unique per run, so that the class can run again on the same database. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final String PASSWORD = AccountsIT.PASSWORD;

    static final int FAMILIES = 40;

    static final int MAX_ROUNDS = 40;

    static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static String base;
    static Http http;

    /** The new school's admin (user name, token), and child id → its guardian's token. */
    static String abAdminName;

    static String abAdmin;
    static final Map<String, String> families = new LinkedHashMap<>();
    static JsonObject abReport;

    @RegisterExtension
    final BrowserSession session = BrowserSession.of(1280, 1000);

    @BeforeAll
    static void server() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
    }

    @Test
    void theAdminReadsEachArmsVersionExposuresAndWilsonIntervalAsTheApiGivesThemAndThePromotionHistory()
            throws Exception {
        JsonObject report = runningTestAfterADecision();
        Portal.logIn(session.browser(), base, abAdminName, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navModels")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/admin/models.xhtml"));

        WebElement state = session.browser().findElement(By.id("abState"));
        assertThat(state.getAttribute("data-state")).isEqualTo("running");
        List<JsonObject> arms = report.getJsonArray("arms").getValuesAs(JsonObject.class);
        assertThat(arms).extracting(a -> a.getString("arm")).containsExactly("control", "candidate");
        for (JsonObject arm : arms) {
            assertThat(state.getText()).contains("v" + arm.getInt("version"));
            WebElement row =
                    session.browser().findElement(By.cssSelector("#arms tr[data-arm='" + arm.getString("arm") + "']"));
            assertThat(row.findElement(By.className("zm-arm-version")).getText())
                    .isEqualTo("v" + arm.getInt("version"));
            assertThat(row.findElement(By.cssSelector("[data-model-version]")).getText())
                    .isEqualTo(arm.getString("modelVersion"));
            assertThat(row.findElement(By.className("zm-arm-exposures")).getText())
                    .isEqualTo(Long.toString(arm.getJsonNumber("exposures").longValue()));
            double rate = percent(row.findElement(By.className("zm-arm-rate")).getText());
            Matcher interval = Pattern.compile("^([0-9.]+)% to ([0-9.]+)%$")
                    .matcher(row.findElement(By.className("zm-arm-interval")).getText());
            assertThat(interval.matches()).as(row.getText()).isTrue();
            double low = Double.parseDouble(interval.group(1));
            double high = Double.parseDouble(interval.group(2));
            assertThat(Double.isFinite(low) && Double.isFinite(high) && Double.isFinite(rate))
                    .isTrue();
            // The page shows percent with one decimal: the API's bounds, rounded.
            assertThat(low)
                    .as("lower bound of %s", arm)
                    .isCloseTo(
                            100 * arm.getJsonNumber("low95").doubleValue(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(high)
                    .as("upper bound of %s", arm)
                    .isCloseTo(
                            100 * arm.getJsonNumber("high95").doubleValue(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(rate)
                    .isCloseTo(
                            100 * arm.getJsonNumber("rate").doubleValue(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(rate).isBetween(low, high);
            assertThat(high).isGreaterThan(low);
        }
        WebElement canvas = session.browser().findElement(By.cssSelector("[id$='armChart'] canvas"));
        assertThat(canvas.getSize().getHeight()).isGreaterThan(60);

        // The p-value, in words with its figure.
        double p = report.getJsonNumber("pValue").doubleValue();
        String verdict = session.browser().findElement(By.id("verdict")).getText();
        Matcher shown = Pattern.compile("p ([=<]) ([0-9]+(?:\\.[0-9]+)?)").matcher(verdict);
        assertThat(shown.find()).as(verdict).isTrue();
        if (shown.group(1).equals("<")) {
            assertThat(p).as(verdict).isLessThan(0.001);
        } else {
            assertThat(Double.parseDouble(shown.group(2)))
                    .as(verdict)
                    .isCloseTo(p, org.assertj.core.data.Offset.offset(0.0005));
        }
        assertThat(verdict)
                .containsPattern("^(Not enough answers yet|The candidate's 👍 rate is (higher|lower)|No difference)");

        // The history: the test's decision before this one, when, which version and why.
        Map<String, Integer> numbers = new LinkedHashMap<>();
        report.getJsonArray("versions")
                .getValuesAs(JsonObject.class)
                .forEach(v -> numbers.put(v.getString("modelVersion"), v.getInt("version")));
        JsonObject decision = report.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("kind").matches("promoted|rolled_back"))
                .findFirst()
                .orElseThrow();
        List<String> rows = session.browser().findElements(By.cssSelector("[id$='history_data'] tr")).stream()
                .map(WebElement::getText)
                .toList();
        String when = MINUTE.format(Instant.parse(decision.getString("at")));
        String version = "v" + numbers.get(decision.getString("modelVersion"));
        String what = decision.getString("kind").equals("promoted") ? "Promoted" : "Rolled back";
        assertThat(rows)
                .as("the history's rows")
                .anySatisfy(r -> assertThat(r)
                        .contains(when)
                        .contains(what)
                        .contains(version)
                        .contains("p "));
        assertThat(session.browser().findElements(By.cssSelector("[id$='history_data'] [data-kind='ab_started']")))
                .isNotEmpty();
        assertThat(session.browser()
                        .findElement(By.cssSelector("[id$='versions_data']"))
                        .getText())
                .contains("held-out answers: DR");

        for (int width : new int[] {1280, 768}) {
            session.browser().manage().window().setSize(new Dimension(width, 1000));
            session.browser().navigate().refresh();
            WebElement chart = session.await()
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='armChart'] canvas")));
            fitsSoon();
            assertThat(pageScrollsSideways())
                    .as("what sticks out of the page at %d px", width)
                    .isEmpty();
            assertThat(narrowestCell("versions_data", "history_data"))
                    .as("the narrowest cell of the versions and history at %d px", width)
                    .isGreaterThanOrEqualTo(48);
            assertThat(headersBrokenInsideAWord())
                    .as("headers of the versions and history at %d px", width)
                    .isEmpty();
            assertThat(widestCell("versions_data"))
                    .as("the offline evaluation's column at %d px", width)
                    .isGreaterThanOrEqualTo(width > 1000 ? 400 : 220);
            assertThat(chart.getRect().getX() + chart.getRect().getWidth())
                    .as("the chart inside the window at %d px", width)
                    .isLessThanOrEqualTo(width);
            Files.createDirectories(LaunchedServer.WORK);
            Files.write(
                    LaunchedServer.WORK.resolve("portal-models-" + width + ".png"),
                    ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
            ((JavascriptExecutor) session.browser())
                    .executeScript("document.getElementById('versionsTitle').scrollIntoView();");
            Files.write(
                    LaunchedServer.WORK.resolve("portal-models-history-" + width + ".png"),
                    ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void theRecommenderPageHasNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        runningTestAfterADecision();
        Portal.logIn(session.browser(), base, abAdminName, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/admin/models.xhtml");
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$='armChart'] canvas")));
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .isEqualTo("[]");
    }

    @Test
    void theSchoolAdminHasTheRecommenderInTheMenuAndItsPageSaysWhereTheTestStands() throws Exception {
        JsonObject report =
                http.get("/api/v1/admin/ab-report", http.token("school.admin")).object();
        Portal.logIn(session.browser(), base, "school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navModels")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/admin/models.xhtml"));
        WebElement state = session.browser().findElement(By.id("abState"));
        // Whatever RecommendationsIT has done to the school's recommender so far, the page says it in a sentence.
        assertThat(state.getAttribute("data-state")).isIn("no_model", "no_test", "running");
        assertThat(state.getText())
                .containsPattern("^(There is no recommender model yet|No A/B test is running|A/B test running since)");
        assertThat(session.browser()
                        .findElements(By.cssSelector("#arms tr[data-arm]"))
                        .size())
                .as("arms shown against %s", report)
                .isLessThanOrEqualTo(2);
    }

    @Test
    void theVersionsAndHistoryHeadersBreakBetweenWordsOnlyAt768Px() throws Exception {
        Portal.logIn(session.browser(), base, "school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().manage().window().setSize(new Dimension(768, 1000));
        session.browser().get(base + "/portal/admin/models.xhtml");
        session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("versionsTitle")));
        assertThat(session.browser().findElements(By.cssSelector("[id$='versions_head'] th")).stream()
                        .map(WebElement::getText)
                        .toList())
                .contains("Training answers");
        assertThat(headersBrokenInsideAWord())
                .as("headers of the versions and history at 768 px")
                .isEmpty();
    }

    @Test
    void aCounsellorHasNoRecommenderLinkAndGetsTheForbiddenPage() throws Exception {
        Portal.logIn(session.browser(), base, "counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(session.browser().findElements(By.id("navJobs"))).isEmpty();
        assertThat(session.browser().findElements(By.id("navModels")))
                .as("the counsellor's menu")
                .isEmpty();
        session.browser().get(base + "/portal/admin/models.xhtml");
        assertThat(session.await()
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("forbiddenTitle")))
                        .getText())
                .contains("not open to your account");
        assertThat(session.browser().getPageSource()).doesNotContain("A/B test").doesNotContain("abState");
    }

    @Test
    void theSchoolAdminReadsWhoSawAChildsRecordIncludingTheCounsellorsReadJustBeforeAndACounsellorSeesNoLog()
            throws Exception {
        String counsellor = http.token("counsellor");
        String admin = http.token("school.admin");
        String child =
                http.get("/api/v1/children", counsellor).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                        .map(c -> c.getString("childId"))
                        .sorted()
                        .reduce((a, b) -> b)
                        .orElseThrow();
        // More reads than one page of the log holds, so that there are older entries to show.
        for (int i = 0; i < 55; i++) {
            Http.Reply read = http.get("/api/v1/children/" + child, counsellor);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
        }
        JsonObject read = http
                .get("/api/v1/children/" + child + "/disclosures?limit=50", admin)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> "counsellor".equals(d.getString("actorName", null)))
                .findFirst()
                .orElseThrow();
        assertThat(read.getString("resource")).isEqualTo("ChildDirectory.find");
        Instant at = Instant.parse(read.getString("at"));
        assertThat(at).isAfter(Instant.now().minus(5, ChronoUnit.MINUTES));

        Portal.logIn(session.browser(), base, "school.admin", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/child.xhtml?id=" + child);
        WebElement title =
                session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("disclosuresTitle")));
        assertThat(title.getText()).isEqualTo("Who saw or changed this record");
        List<String> rows = disclosureRows();
        assertThat(rows).hasSize(50);
        assertThat(rows)
                .as("the log's first page")
                .anySatisfy(r -> assertThat(r)
                        .contains("counsellor")
                        .contains(SECOND.format(at))
                        .contains("Read")
                        .contains("ChildDirectory.find"));

        session.browser().findElement(By.id("disclosureLog:older")).click();
        session.await().until(d -> disclosureRows().size() > 50);
        List<String> more = disclosureRows();
        assertThat(more.subList(0, 50)).isEqualTo(rows);
        assertThat(more.get(50).substring(0, 23).compareTo(rows.get(49).substring(0, 23)))
                .as("an older entry after the first page: %s after %s", more.get(50), rows.get(49))
                .isLessThanOrEqualTo(0);
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .isEqualTo("[]");
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-child-disclosures.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
        for (int width : new int[] {1280, 768}) {
            session.browser().manage().window().setSize(new Dimension(width, 1000));
            fitsSoon();
            assertThat(pageScrollsSideways())
                    .as("what sticks out of the page at %d px", width)
                    .isEmpty();
        }

        // The counsellor's view of the same child: no section, and the log is not even read for them.
        session.browser().manage().deleteAllCookies();
        Instant before = Instant.now().minusSeconds(1);
        Portal.logIn(session.browser(), base, "counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/child.xhtml?id=" + child);
        session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("childTitle")));
        assertThat(session.browser().findElements(By.id("disclosures"))).isEmpty();
        assertThat(session.browser().getPageSource()).doesNotContain("Who saw or changed");
        List<JsonObject> since = http
                .get("/api/v1/children/" + child + "/disclosures?limit=100", admin)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> Instant.parse(d.getString("at")).isAfter(before))
                .filter(d -> "counsellor".equals(d.getString("actorName", null)))
                .toList();
        assertThat(since).as("the counsellor's page view is in the log").isNotEmpty();
        assertThat(since)
                .extracting(d -> d.getString("resource"))
                .as("what the counsellor's page view read")
                .doesNotContain("ChildDisclosures.page");
    }

    private List<String> disclosureRows() {
        return session.browser().findElements(By.cssSelector("[id='disclosureLog:accesses_data'] tr")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The width in pixels of the narrowest cell of these table bodies (by the end of their ids): a collapsed column. */
    private long narrowestCell(String... bodies) {
        StringBuilder selector = new StringBuilder();
        for (String b : bodies) {
            selector.append(selector.isEmpty() ? "" : ", ")
                    .append("[id$='")
                    .append(b)
                    .append("'] td");
        }
        return ((Number) ((JavascriptExecutor) session.browser())
                        .executeScript(
                                "const cells = Array.from(document.querySelectorAll(arguments[0]));"
                                        + " return cells.length === 0 ? -1"
                                        + " : Math.min(...cells.map(c => c.getBoundingClientRect().width));",
                                selector.toString()))
                .longValue();
    }

    /**
     * The column headers of the versions and history tables that break a word across lines (a word's text has more
     * than one box) or stick out of their cell; empty when each header wraps between words only.
     */
    @SuppressWarnings("unchecked")
    private List<String> headersBrokenInsideAWord() {
        return (List<String>) ((JavascriptExecutor) session.browser())
                .executeScript("const bad = [];"
                        + "for (const th of document.querySelectorAll(\"[id$='versions_head'] th, [id$='history_head'] th\")) {"
                        + "  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);"
                        + "  for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
                        + "    for (const m of node.data.matchAll(/\\S+/g)) {"
                        + "      const range = document.createRange();"
                        + "      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);"
                        + "      const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));"
                        + "      if (lines.size > 1) bad.push(th.innerText.trim() + ': ' + m[0] + ' on ' + lines.size + ' lines');"
                        + "    }"
                        + "  }"
                        + "  if (th.scrollWidth > th.clientWidth) bad.push(th.innerText.trim() + ': '"
                        + "    + th.scrollWidth + ' px in ' + th.clientWidth);"
                        + "}"
                        + "return bad;");
    }

    /** The width in pixels of the widest cell of a table body (by the end of its id). */
    private long widestCell(String body) {
        return ((Number) ((JavascriptExecutor) session.browser())
                        .executeScript(
                                "return Math.max(...Array.from(document.querySelectorAll(arguments[0]))"
                                        + ".map(c => c.getBoundingClientRect().width));",
                                "[id$='" + body + "'] td"))
                .longValue();
    }

    /** Charts follow a new window size a frame or two later (a resize observer): give the layout a moment. */
    private void fitsSoon() {
        try {
            new WebDriverWait(session.browser(), Duration.ofSeconds(5))
                    .until(d -> pageScrollsSideways().isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            // The assertion that follows names what sticks out.
        }
    }

    /** Empty when the page fits its window; else the elements that stick out on the right, widest first. */
    @SuppressWarnings("unchecked")
    private List<String> pageScrollsSideways() {
        return (List<String>) ((JavascriptExecutor) session.browser())
                .executeScript("if (document.documentElement.scrollWidth <= window.innerWidth) return [];"
                        + "const w = document.documentElement.clientWidth;"
                        + "return Array.from(document.querySelectorAll('body *'))"
                        + ".map(e => [e, e.getBoundingClientRect().right]).filter(p => p[1] > w + 1)"
                        + ".sort((a, b) => b[1] - a[1]).slice(0, 8)"
                        + ".map(p => p[0].tagName + '#' + p[0].id + '.' + p[0].getAttribute('class') + ' '"
                        + " + Math.round(p[1]));");
    }

    private static double percent(String text) {
        assertThat(text).matches("[0-9.]+%");
        return Double.parseDouble(text.substring(0, text.length() - 1));
    }

    /**
     * A school of its own whose families answer as {@link RecommendationsIT}'s do, round after round, until an A/B
     * test has been decided (promoted or rolled back) and the next one runs with answers in both arms; its report.
     */
    static synchronized JsonObject runningTestAfterADecision() throws Exception {
        if (abReport != null) {
            return abReport;
        }
        abAdminName = "ab.admin." + RUN;
        School school = School.create(http, "Recommender School " + RUN, abAdminName);
        abAdmin = school.admin();
        String cohort = school.cohort("Class AB");
        for (int i = 0; i < FAMILIES; i++) {
            String guardian = "ab.parent." + i + "." + RUN;
            school.user(guardian, "GUARDIAN");
            String child = school.child("Wren-" + RUN + "-" + i, 2015 + i % 3, cohort);
            school.link(child, guardian);
            String token = http.token(guardian, PASSWORD);
            school.consent(child, token, "collection", "analysis", "model_training");
            families.put(child, token);
        }
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            round();
            waitForRetrainings();
            JsonObject report =
                    http.get("/api/v1/admin/ab-report?history=500", abAdmin).object();
            boolean decided = report.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                    .anyMatch(s -> s.getString("kind").matches("promoted|rolled_back"));
            boolean answeredArms = report.getJsonArray("arms").size() == 2
                    && report.getJsonArray("arms").getValuesAs(JsonObject.class).stream()
                            .allMatch(a -> !a.isNull("rate"));
            seen.add(report.getString("state") + (decided ? "+decided" : ""));
            if (decided && report.getString("state").equals("running") && answeredArms) {
                abReport = report;
                return report;
            }
        }
        throw new AssertionError("no running A/B test after a decided one within " + MAX_ROUNDS + " rounds: " + seen);
    }

    /** Every family asks for its child's next recommendation and answers it by the families' preference. */
    static void round() throws Exception {
        for (var family : families.entrySet()) {
            Http.Reply next =
                    http.get("/api/v1/children/" + family.getKey() + "/recommendations/next", family.getValue());
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            JsonObject rec = next.object();
            boolean helpful = RecommendationsIT.LIKED_CATEGORIES.contains(InterventionCatalogue.bundled()
                    .byId(rec.getString("intervention"))
                    .orElseThrow()
                    .category());
            Http.Reply answer = http.post(
                    "/api/v1/recommendations/" + rec.getString("recommendationId") + "/feedback",
                    "{\"helpful\":" + helpful + "}",
                    family.getValue());
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
    }

    /** Waits until no retraining of the school runs, so that the report stands still while the page is read. */
    static void waitForRetrainings() throws Exception {
        for (int i = 0; i < 600; i++) {
            boolean running = http
                    .get("/api/v1/admin/jobs?limit=20", abAdmin)
                    .json()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .anyMatch(r -> r.getString("jobName").equals("retrain-recommender") && JobsIT.active(r));
            if (!running) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a retraining did not end within two minutes");
    }
}
