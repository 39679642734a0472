package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The tenant admin's children page in a real Chromium, for a school of its own made through the platform admin (the
 * demo school the other tests use stays as it is): a cohort and a child made in the browser and found by the API, a
 * guardian linked, a wearable paired whose token uploads and then, unpaired in the page, no longer does; and a
 * counsellor, who has neither the page nor its link.
 */
class PortalChildrenAdminIT {

    /** Unique per run, so that the class can run again on the same database. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final String ADMIN = "willow.admin." + RUN;
    static final String GUARDIAN = "willow.parent." + RUN;

    static String base;
    static Http http;
    static String admin;

    @RegisterExtension
    final BrowserSession session = BrowserSession.of(1280, 1000);

    @BeforeAll
    static void aNewSchoolWithAGuardianAccount() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        School school = School.create(http, "Willow School " + RUN, ADMIN);
        admin = school.admin();
        school.user(GUARDIAN, "GUARDIAN");
    }

    private WebElement find(String css) {
        return session.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    private void waitForText(String css, String text) {
        session.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** The error message beside a field of a form, once the answer has put it there. */
    private String fieldMessage(String form, String text) {
        waitForText("#" + form + " .ui-message-error", text);
        return session.browser()
                .findElement(By.cssSelector("#" + form + " .ui-message-error"))
                .getText();
    }

    private String rowOf(String tableCss, String text) {
        return session.browser().findElements(By.cssSelector(tableCss + " tr")).stream()
                .map(WebElement::getText)
                .filter(t -> t.contains(text))
                .findFirst()
                .orElse("");
    }

    @Test
    void theAdminSetsUpAChildLinksItsGuardianAndPairsAndUnpairsAWearable() throws Exception {
        Portal.logIn(session.browser(), base, ADMIN, AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navChildren")).click();
        session.await().until(ExpectedConditions.urlContains("/portal/admin/children.xhtml"));
        assertThat(find("#cohorts\\:cohortList").getText()).contains("This tenant has no cohort yet.");

        // A cohort: the name is required, then made, then taken.
        find("#cohorts\\:createCohort").click();
        assertThat(fieldMessage("cohorts", "Please fill in this field.")).contains("Please fill in this field.");
        type("#cohorts\\:cohortName", "Class 2C");
        new Select(find("#cohorts\\:cohortKind")).selectByVisibleText("School class");
        find("#cohorts\\:createCohort").click();
        waitForText("#cohorts\\:cohortList", "Class 2C");
        assertThat(rowOf("#cohorts\\:cohortList", "Class 2C"))
                .contains("School class")
                .endsWith("0");
        type("#cohorts\\:cohortName", "class 2c");
        find("#cohorts\\:createCohort").click();
        assertThat(fieldMessage("cohorts", "exists already")).contains("A cohort with this name exists already.");

        // A child in it.
        String pseudonym = "Heron-" + RUN;
        type("#roster\\:pseudonym", pseudonym);
        type("#roster\\:birthYear", "2016");
        assertThat(new Select(find("#roster\\:childCohort"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Class 2C");
        find("#roster\\:registerChild").click();
        waitForText("#roster\\:childList", pseudonym);
        assertThat(rowOf("#roster\\:childList", pseudonym)).contains("2016");
        waitForText("#cohorts\\:cohortList", "1");
        assertThat(rowOf("#cohorts\\:cohortList", "Class 2C")).endsWith("1");

        // The API sees exactly that child, in that cohort.
        JsonArray cohorts = http.get("/api/v1/cohorts", admin).json().asJsonArray();
        assertThat(cohorts).hasSize(1);
        String cohortId = cohorts.getJsonObject(0).getString("cohortId");
        JsonArray children = http.get("/api/v1/children", admin).json().asJsonArray();
        assertThat(children).hasSize(1);
        JsonObject registered = children.getJsonObject(0);
        assertThat(registered.getString("pseudonym")).isEqualTo(pseudonym);
        assertThat(registered.getString("cohortId")).isEqualTo(cohortId);
        assertThat(registered.getInt("birthYear")).isEqualTo(2016);
        String childId = registered.getString("childId");

        // Its panel: a user name that is no guardian's, then the guardian's.
        find("#roster\\:childList .zm-open").click();
        waitForText("#child\\:childName", pseudonym);
        type("#child\\:guardianUsername", "nobody." + RUN);
        find("#child\\:linkGuardian").click();
        assertThat(fieldMessage("child", "No active guardian account"))
                .contains("No active guardian account of this tenant has this user name.");
        type("#child\\:guardianUsername", GUARDIAN);
        find("#child\\:linkGuardian").click();
        waitForText("#guardians", GUARDIAN);
        assertThat(find(".ui-messages-info").getText()).contains("linked");
        assertThat(find("#child").getText()).contains("consent is the guardian's to give");

        // The guardian grants collection consent in the app; the panel, opened again, shows it read only.
        String guardian = http.token(GUARDIAN, AccountsIT.PASSWORD);
        Http.Reply consent = http.post(
                "/api/v1/children/" + childId + "/consents",
                AccountsIT.object(Map.of("scope", "collection", "noticeVersion", "2026-01")),
                guardian);
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        find("#roster\\:childList .zm-open").click();
        waitForText("#child\\:consents", "Granted");
        assertThat(rowOf("#child\\:consents", "Collecting wearable data")).contains("Granted", "2026-01", GUARDIAN);
        assertThat(rowOf("#child\\:consents", "Analysing the data")).contains("Never given");
        assertThat(session.browser().findElements(By.cssSelector("#child input[id*='consent'], #child select")))
                .as("nothing on the page changes a consent")
                .isEmpty();

        // A wearable: its token and the QR code of the pairing link, this once.
        type("#child\\:deviceLabel", "Wrist band " + RUN);
        find("#child\\:pairDevice").click();
        WebElement qr = find("#child\\:qr svg");
        assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(200);
        assertThat(qr.findElement(By.cssSelector("path")).getAttribute("d")).startsWith("M4,4h1v1h-1z");
        String token = find("#deviceToken").getText().strip();
        assertThat(token).matches("zmd\\.[0-9a-f-]{36}\\.[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}");
        assertThat(rowOf("#child\\:devices", "Wrist band " + RUN)).contains("in use");
        ((JavascriptExecutor) session.browser()).executeScript("arguments[0].scrollIntoView({block: 'center'});", qr);
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-children.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));

        // The page is not kept by any cache, and axe-core finds nothing serious at 1280 px nor at 768 px.
        String cookies = session.browser().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest page = http.request("/portal/admin/children.xhtml")
                .header("Cookie", cookies)
                .GET()
                .build();
        Http.Reply again = http.send(page);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core at 1280 px, token shown")
                .isEqualTo("[]");
        session.browser().manage().window().setSize(new Dimension(768, 1000));
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core at 768 px")
                .isEqualTo("[]");
        Object overflow = ((JavascriptExecutor) session.browser())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways scrolling at 768 px")
                .isLessThanOrEqualTo(0);
        session.browser().manage().window().setSize(new Dimension(1280, 1000));

        // The token uploads the child's minutes; the server's log never saw it.
        assertThat(upload(token)).isEqualTo(200);
        String secret = token.substring(token.lastIndexOf('.') + 1);
        assertThat(Files.readString(SharedServer.get().home.resolve("payara-micro.log")))
                .doesNotContain(secret);

        // Unpaired in the page: the token is gone from it, and no longer uploads.
        find("#child\\:devices .zm-unpair").click();
        session.await()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#child\\:devices .zm-revoked")));
        assertThat(session.browser().findElements(By.cssSelector("#child\\:devices .zm-unpair")))
                .isEmpty();
        assertThat(session.browser().findElements(By.id("deviceToken"))).isEmpty();
        assertThat(session.browser().getPageSource()).doesNotContain(secret);
        assertThat(upload(token)).isEqualTo(401);
    }

    /** Uploads two minutes for the token's child; the answer's status. */
    private static int upload(String deviceToken) throws Exception {
        Instant start = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int i = 0; i < 2; i++) {
            epochs.add(Json.createObjectBuilder()
                    .add("t", start.plus(i, ChronoUnit.MINUTES).toString())
                    .add("hr", 80.0)
                    .add("wear", true));
        }
        String batch = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add("epochs", epochs)
                .build()
                .toString();
        Http.Reply reply = http.post("/api/v1/ingest/batches", batch, deviceToken);
        if (reply.status() == 200) {
            assertThat(reply.object().getInt("accepted")).isEqualTo(2);
        }
        return reply.status();
    }

    @Test
    void aCounsellorHasNeitherThePageNorItsLink() throws Exception {
        Portal.logIn(session.browser(), base, "counsellor", "demo");
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(session.browser().findElements(By.id("navChildren")))
                .as("the counsellor's menu")
                .isEmpty();
        session.browser().get(base + "/portal/admin/children.xhtml");
        assertThat(find("#forbiddenTitle").getText()).contains("not open to your account");
        assertThat(session.browser().getPageSource()).doesNotContain("Register a child", "cohortName");
    }
}
