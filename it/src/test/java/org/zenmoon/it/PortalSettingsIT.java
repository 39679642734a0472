package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The tenant admin's settings page in a real Chromium, on a school of its own: the admin raises the retention and
 * changes the time zone, and they are there after a reload; lowering the retention asks first, naming how many more
 * days of data go; a bad value is explained beside its field and nothing is stored; a counsellor gets the 403 page.
 */
class PortalSettingsIT {

    static final String PASSWORD = AccountsIT.PASSWORD;
    static final String RUN = Long.toString(System.nanoTime(), 36);
    static final String ADMIN = "juniper.admin." + RUN;
    static final String COUNSELLOR = "juniper.counsellor." + RUN;
    static final String SETTINGS = "/api/v1/admin/settings";

    static String base;
    static Http http;
    static String admin;

    @RegisterExtension
    final BrowserSession session = BrowserSession.of(1280, 1000);

    @BeforeAll
    static void aSchoolOfItsOwn() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        School school = School.create(http, "Juniper School " + RUN, ADMIN);
        admin = school.admin();
        school.user(COUNSELLOR, "COUNSELLOR", school.cohort("Year 2 Fir"));
    }

    @Test
    void anAdminRaisesTheRetentionAndChangesTheZoneAndSeesThemAfterAReload() throws Exception {
        setTo(365, "UTC");
        openSettingsAsAdmin();
        assertThat(text("#retentionExplained"))
                .isEqualTo("Each night, data about a child older than 365 days is deleted: minute data, sleep, "
                        + "events, logged interventions, alerts, analysis results and recommendations. The audit log,"
                        + " consents, guardian links and wearables are kept.");
        assertThat(session.browser().findElement(By.id("tenantName")).getText()).isEqualTo("Juniper School " + RUN);

        typeRetention("800");
        chooseZone("Tokyo", "Asia/Tokyo");
        session.browser().findElement(By.id("tenantSettings:save")).click();
        session.await().until(d -> d.findElement(By.id("messages")).getText().contains("Settings saved."));
        assertThat(session.browser()
                        .findElement(By.id("tenantSettings:lowerDialog"))
                        .isDisplayed())
                .as("raising the retention asks nothing")
                .isFalse();

        session.browser().navigate().refresh();
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("tenantSettings:save")));
        assertThat(session.browser()
                        .findElement(By.id("tenantSettings:retentionDays_input"))
                        .getAttribute("value"))
                .isEqualTo("800");
        assertThat(text("#tenantSettings\\:timeZone_label")).isEqualTo("Asia/Tokyo");
        assertThat(text("#retentionExplained")).contains("older than 800 days");
        LocalDate before = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(800);
        assertThat(text("#nextRun"))
                .isEqualTo("At the next nightly run, data from before " + before + " (Asia/Tokyo) goes.");
        JsonObject stored = http.get(SETTINGS, admin).object();
        assertThat(stored.getInt("retentionDays")).isEqualTo(800);
        assertThat(stored.getString("timeZone")).isEqualTo("Asia/Tokyo");

        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-settings.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void loweringTheRetentionAsksFirstNamingTheDaysThatGo() throws Exception {
        setTo(800, "Europe/Berlin");
        openSettingsAsAdmin();

        typeRetention("500");
        session.browser().findElement(By.id("tenantSettings:save")).click();
        WebElement dialog = session.await()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("tenantSettings:lowerDialog")));
        assertThat(dialog.getText()).contains("from 800 to 500 days").contains("300 more days of data will be deleted");
        session.browser().findElement(By.id("tenantSettings:keepRetention")).click();
        session.await().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(http.get(SETTINGS, admin).object().getInt("retentionDays"))
                .as("kept")
                .isEqualTo(800);

        session.browser().findElement(By.id("tenantSettings:save")).click();
        session.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("tenantSettings:lowerDialog")));
        session.browser().findElement(By.id("tenantSettings:confirmLower")).click();
        session.await().until(d -> d.findElement(By.id("messages")).getText().contains("Settings saved."));
        session.await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("tenantSettings:lowerDialog")));
        assertThat(text("#retentionExplained")).contains("older than 500 days");
        JsonObject stored = http.get(SETTINGS, admin).object();
        assertThat(stored.getInt("retentionDays")).isEqualTo(500);
        assertThat(stored.getString("timeZone")).isEqualTo("Europe/Berlin");

        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked, the dialog included").isEmpty();
    }

    @Test
    void aBadValueIsExplainedBesideItsFieldAndNothingIsStored() throws Exception {
        setTo(400, "America/New_York");
        openSettingsAsAdmin();

        typeRetention("0");
        chooseZone("Lisbon", "Europe/Lisbon");
        session.browser().findElement(By.id("tenantSettings:save")).click();
        assertThat(fieldMessage("tenantSettings:retentionDays"))
                .isEqualTo("Retention in days: must be 1 to 36500 days");
        assertThat(session.browser()
                        .findElement(By.id("tenantSettings:lowerDialog"))
                        .isDisplayed())
                .isFalse();

        JsonObject stored = http.get(SETTINGS, admin).object();
        assertThat(stored.getInt("retentionDays")).isEqualTo(400);
        assertThat(stored.getString("timeZone"))
                .as("the good zone is not stored either")
                .isEqualTo("America/New_York");

        // Put right, the same form saves and the message goes.
        typeRetention("450");
        session.browser().findElement(By.id("tenantSettings:save")).click();
        session.await().until(d -> d.findElement(By.id("messages")).getText().contains("Settings saved."));
        assertThat(session.browser()
                        .findElement(By.id("tenantSettings:retentionDaysMessage"))
                        .getText())
                .isBlank();
        stored = http.get(SETTINGS, admin).object();
        assertThat(stored.getInt("retentionDays")).isEqualTo(450);
        assertThat(stored.getString("timeZone")).isEqualTo("Europe/Lisbon");
        assertThat(session.browser().getPageSource()).doesNotContain("at org.zenmoon");
    }

    @Test
    void aCounsellorHasNoSettingsPage() throws Exception {
        Portal.logIn(session.browser(), base, COUNSELLOR, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        assertThat(session.browser().findElements(By.id("navSettings")))
                .as("the counsellor's menu")
                .isEmpty();
        session.browser().get(base + "/portal/admin/settings.xhtml");
        assertThat(session.browser().findElement(By.id("forbiddenTitle")).getText())
                .contains("not open to your account");
        assertThat(session.browser().getPageSource())
                .doesNotContain("Juniper School")
                .doesNotContain("Retention in days");
    }

    @Test
    void theSettingsPageHasNoSeriousOrCriticalAccessibilityViolationAndFits768() throws Exception {
        setTo(400, "UTC");
        openSettingsAsAdmin();
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core's serious and critical violations at 1280 px")
                .isEqualTo("[]");
        session.browser().manage().window().setSize(new Dimension(768, 1000));
        session.await().until(d -> overflow() <= 0L);
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("at 768 px")
                .isEqualTo("[]");
        // With a message shown: each message stays an item of its list (PrimeFaces' role="alert" on the item would
        // take it out, axe-core's rule "list"), and the list is still announced.
        typeRetention("401");
        session.browser().findElement(By.id("tenantSettings:save")).click();
        session.await().until(d -> d.findElement(By.id("messages")).getText().contains("Settings saved."));
        assertThat(session.browser().findElements(By.cssSelector("#messages li")))
                .isNotEmpty()
                .allSatisfy(li -> assertThat(li.getAttribute("role")).isNull());
        assertThat(session.browser().findElement(By.id("messages")).getAttribute("aria-live"))
                .isEqualTo("polite");
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("with a message shown, at 768 px")
                .isEqualTo("[]");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void setTo(int retentionDays, String timeZone) throws Exception {
        Http.Reply r = http.send(
                "PATCH",
                SETTINGS,
                "{\"retentionDays\":" + retentionDays + ",\"timeZone\":\"" + timeZone + "\"}",
                admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void openSettingsAsAdmin() {
        Portal.logIn(session.browser(), base, ADMIN, PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().findElement(By.id("navSettings")).click();
        session.await().until(ExpectedConditions.presenceOfElementLocated(By.id("tenantSettings:save")));
    }

    private String text(String css) {
        return session.browser().findElement(By.cssSelector(css)).getText();
    }

    /** Replaces the retention field's number, as a person does: select all, type. */
    private void typeRetention(String days) {
        WebElement field = session.browser().findElement(By.id("tenantSettings:retentionDays_input"));
        field.click();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        field.sendKeys(days);
        session.await()
                .until(d -> d.findElement(By.id("tenantSettings:retentionDays_input"))
                        .getAttribute("value")
                        .equals(days));
    }

    /** Opens the time zone menu, filters it by {@code typed} and picks {@code zone}. */
    private void chooseZone(String typed, String zone) {
        session.browser().findElement(By.id("tenantSettings:timeZone")).click();
        WebElement filter = session.await()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("tenantSettings:timeZone_filter")));
        filter.sendKeys(typed);
        By item = By.cssSelector("#tenantSettings\\:timeZone_items li[data-label='" + zone + "']");
        session.await().until(ExpectedConditions.elementToBeClickable(item)).click();
        session.await().until(d -> text("#tenantSettings\\:timeZone_label").equals(zone));
    }

    /** The message shown beside a field once the form comes back. */
    private String fieldMessage(String field) {
        return session.await().until(d -> {
            String text = d.findElement(By.id(field + "Message")).getText();
            return text.isBlank() ? null : text;
        });
    }

    private long overflow() {
        return (Long) ((JavascriptExecutor) session.browser())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }
}
