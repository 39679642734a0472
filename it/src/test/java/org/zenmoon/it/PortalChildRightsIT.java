package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A child's rights on the tenant admin's children page, in a real Chromium and a school of its own made through the
 * platform admin (the demo school stays as it is): the export downloaded as the API's JSON document and the epochs
 * as CSV, each audited as an export; a guardian unlinked after a confirmation, whose token then no longer finds the
 * child; an erasure refused for a wrong pseudonym (nothing erased, the reason beside the field) and done for the
 * right one (the child gone from the page and the API, the erasure in the audit trail). A long guardian user name
 * wraps in the consents table.
 */
class PortalChildRightsIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final String ADMIN = "rowan.admin." + RUN;
    /** A long user name, to see it wrap in the consents table at 768 px. */
    static final String GUARDIAN = "rowan.parent.of.the.kestrel.child.with.a.rather.long.account.name." + RUN;

    static final String SECOND = "rowan.grandparent." + RUN;
    static final String PSEUDONYM = "Kestrel-" + RUN;

    static String base;
    static Http http;
    static String admin;
    static String childId;
    static String guardianId;
    static String secondId;

    @RegisterExtension
    final BrowserSession session = BrowserSession.withDownloads(1280, 1000, "portal-child-rights");

    @BeforeAll
    static void aSchoolWithAChildAndTwoGuardians() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        School school = School.create(http, "Rowan School " + RUN, ADMIN);
        admin = school.admin();
        guardianId = school.user(GUARDIAN, "GUARDIAN");
        secondId = school.user(SECOND, "GUARDIAN");
        childId = school.child(PSEUDONYM, 2015, school.cohort("Class 4R"));
        school.link(childId, GUARDIAN);
        school.link(childId, SECOND);
        school.consent(childId, http.token(GUARDIAN, AccountsIT.PASSWORD), "collection");
    }

    private WebElement find(String css) {
        return session.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        session.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) session.browser()).executeScript(js, args);
    }

    /** How far (in px) the element's right edge lies past its nearest section's; 0 or less when it fits. */
    private long overhang(String css, String section) {
        return ((Number) script(
                        "const e = document.querySelector(arguments[0]);"
                                + "const s = e.closest(arguments[1]);"
                                + "return Math.ceil(e.getBoundingClientRect().right - s.getBoundingClientRect().right);",
                        css,
                        section))
                .longValue();
    }

    private long sidewaysScroll() {
        return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                .longValue();
    }

    /** Clicks a download button and waits for the file Chromium saves whose name ends so. */
    private Path download(String buttonCss, String ending) {
        find(buttonCss).click();
        return session.downloaded(ending);
    }

    static long count(String sql, String... params) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The audit rows of the school's admin for the child with this action and outcome ok. */
    static long audited(String action) throws Exception {
        return count(
                "SELECT count(*) FROM audit_event a JOIN app_user u ON u.id = a.actor_id "
                        + "WHERE u.username = ? AND a.child_id = ? AND a.action = ? AND a.outcome = 'ok'",
                ADMIN,
                childId,
                action);
    }

    @Test
    void theAdminExportsUnlinksAGuardianAndErasesTheChildOnceItsPseudonymIsTyped() throws Exception {
        Portal.logIn(session.browser(), base, ADMIN, AccountsIT.PASSWORD);
        session.await().until(ExpectedConditions.urlContains("/portal/cohort.xhtml"));
        session.browser().get(base + "/portal/admin/children.xhtml");
        waitForText("#roster\\:childList", PSEUDONYM);
        find("#roster\\:childList .zm-open").click();
        waitForText("#child\\:childName", PSEUDONYM);

        // The long guardian name wraps inside the consents table, at 1280 px and at 768 px.
        waitForText("#child\\:consents", GUARDIAN);
        assertThat(overhang("#child\\:consents .zm-consent-by", "section"))
                .as("the guardian's name past the consents' section at 1280 px")
                .isLessThanOrEqualTo(0);
        session.browser().manage().window().setSize(new Dimension(768, 1000));
        session.await().until(d -> overhang("#child\\:consents .zm-consent-by", "section") <= 0);
        assertThat(overhang("#guardians .zm-unlink", "section"))
                .as("the Unlink button past the guardians' section")
                .isLessThanOrEqualTo(0);
        assertThat(sidewaysScroll()).as("sideways scrolling at 768 px").isLessThanOrEqualTo(0);
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core at 768 px")
                .isEqualTo("[]");
        session.browser().manage().window().setSize(new Dimension(1280, 1000));

        // The export: the API's document, named by the child's id, audited as an export.
        long exportsBefore = audited("export");
        Path json = download("#child\\:exportJson", "-export.json");
        assertThat(json.getFileName().toString()).isEqualTo("child-" + childId + "-export.json");
        JsonObject doc =
                Json.createReader(new StringReader(Files.readString(json))).readObject();
        assertThat(doc.getString("format")).isEqualTo("zenmoon-child-export/1");
        assertThat(doc.getJsonObject("child").getString("childId")).isEqualTo(childId);
        assertThat(doc.getJsonObject("child").getString("pseudonym")).isEqualTo(PSEUDONYM);
        JsonArray consents = doc.getJsonArray("consents");
        assertThat(consents).hasSize(1);
        assertThat(consents.getJsonObject(0).getString("scope")).isEqualTo("collection");
        assertThat(consents.getJsonObject(0).getString("noticeVersion")).isEqualTo("2026-01");
        assertThat(doc.getJsonArray("guardians").stream()
                        .map(g -> g.asJsonObject().getString("username"))
                        .toList())
                .containsExactlyInAnyOrder(GUARDIAN, SECOND);
        assertThat(doc.getJsonArray("epochs")).isEmpty();
        JsonObject api =
                http.get("/api/v1/children/" + childId + "/export", admin).object();
        assertThat(doc.keySet()).as("the same sections as the API's export").isEqualTo(api.keySet());
        assertThat(audited("export")).isEqualTo(exportsBefore + 2);

        Path csv = download("#child\\:exportCsv", "-epochs.csv");
        assertThat(csv.getFileName().toString()).isEqualTo("child-" + childId + "-epochs.csv");
        assertThat(Files.readAllLines(csv))
                .containsExactly("t,hr,rmssd,eda,activity,steps,stress,sleep,quality,scr,wear,anomaly,deviceId");
        assertThat(audited("export")).isEqualTo(exportsBefore + 3);

        // The download's answer is kept by no cache: the same form post, made by the page itself.
        @SuppressWarnings("unchecked")
        List<Object> answer = (List<Object>) ((JavascriptExecutor) session.browser()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('child');
                const data = new URLSearchParams(new FormData(form));
                data.append('child:exportJson', '');
                fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin' })
                  .then(r => r.text().then(t => done([r.status, r.headers.get('Cache-Control'),
                      r.headers.get('Content-Disposition'), t.length])))
                  .catch(e => done(['failed', String(e)]));
                """);
        assertThat(answer.get(0)).as(answer.toString()).isEqualTo(200L);
        assertThat(answer.get(1)).isEqualTo("no-store");
        assertThat((String) answer.get(2))
                .contains("child-" + childId + "-export.json")
                .doesNotContain(PSEUDONYM);
        assertThat(session.browser().getCurrentUrl()).doesNotContain(PSEUDONYM, childId);

        // Unlinking the long-named guardian, once confirmed: its token no longer finds the child, the other's does.
        String guardian = http.token(GUARDIAN, AccountsIT.PASSWORD);
        assertThat(http.get("/api/v1/children/" + childId, guardian).status()).isEqualTo(200);
        WebElement row = session.browser().findElements(By.cssSelector("#guardians li")).stream()
                .filter(li -> li.getText().contains(GUARDIAN))
                .findFirst()
                .orElseThrow();
        row.findElement(By.cssSelector(".zm-unlink")).click();
        WebElement confirm = find(".ui-confirm-dialog");
        assertThat(confirm.getText()).contains(GUARDIAN, "no longer sees this child");
        confirm.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
        waitForText("#messages", "unlinked");
        session.await().until(d -> !d.findElement(By.id("guardians")).getText().contains(GUARDIAN));
        assertThat(find("#guardians").getText()).contains(SECOND);
        assertThat(http.get("/api/v1/children/" + childId, guardian).status())
                .as("the unlinked guardian's token")
                .isEqualTo(404);
        assertThat(http.get("/api/v1/children/" + childId + "/consents", guardian)
                        .status())
                .isEqualTo(404);
        String second = http.token(SECOND, AccountsIT.PASSWORD);
        assertThat(http.get("/api/v1/children/" + childId, second).status()).isEqualTo(200);
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE child_id = ? AND action = 'write' "
                                + "AND resource LIKE 'ChildRegistry.unlinkGuardian%' AND outcome = 'ok'",
                        childId))
                .isEqualTo(1);

        // The API unlinks the other one: 204, then 404 for a link that is gone, and 404 for that guardian.
        assertThat(http.delete("/api/v1/children/" + childId + "/guardians/" + secondId, admin)
                        .status())
                .isEqualTo(204);
        assertThat(http.delete("/api/v1/children/" + childId + "/guardians/" + secondId, admin)
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/children/" + childId + "/guardians/" + guardianId, second)
                        .status())
                .as("a guardian unlinks nobody")
                .isEqualTo(403);
        assertThat(http.get("/api/v1/children/" + childId, second).status()).isEqualTo(404);

        // The erasure's dialog says what goes; a wrong pseudonym erases nothing and says so beside the field.
        find("#child\\:askErase").click();
        WebElement dialog = find("#child\\:eraseDialog");
        assertThat(dialog.getText())
                .contains(PSEUDONYM, "every measurement", "every answer", "credentials", "Only the audit record");
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core at 1280 px, the erasure's dialog open")
                .isEqualTo("[]");
        Files.createDirectories(LaunchedServer.WORK);
        Files.write(
                LaunchedServer.WORK.resolve("portal-child-erase.png"),
                ((TakesScreenshot) session.browser()).getScreenshotAs(OutputType.BYTES));
        session.browser().manage().window().setSize(new Dimension(768, 1000));
        session.await().until(d -> overhang("#child\\:eraseDialog", "body") <= 0);
        assertThat(Axe.seriousViolations((JavascriptExecutor) session.browser()))
                .as("axe-core at 768 px, the erasure's dialog open")
                .isEqualTo("[]");
        assertThat(sidewaysScroll())
                .as("sideways scrolling at 768 px, the dialog open")
                .isLessThanOrEqualTo(0);
        session.browser().manage().window().setSize(new Dimension(1280, 1000));
        WebElement typed = find("#child\\:erasePseudonym");
        typed.sendKeys(PSEUDONYM.toLowerCase(java.util.Locale.ROOT));
        find("#child\\:erase").click();
        waitForText("#child\\:eraseDialog .ui-message-error", "nothing was erased");
        assertThat(http.get("/api/v1/children/" + childId, admin).status())
                .as("the child after a wrong pseudonym")
                .isEqualTo(200);
        assertThat(audited("erase")).isZero();

        // The right pseudonym: the child is gone from the page and the API, and its erasure is in the audit trail.
        typed = find("#child\\:erasePseudonym");
        typed.clear();
        typed.sendKeys(PSEUDONYM);
        find("#child\\:erase").click();
        waitForText("#messages", "erased");
        assertThat(find("#messages").getText()).contains(PSEUDONYM, "only the audit record");
        session.await().until(ExpectedConditions.invisibilityOfElementLocated(By.id("child:eraseDialog")));
        assertThat(find("#roster\\:childList").getText()).doesNotContain(PSEUDONYM);
        assertThat(session.browser().findElements(By.id("child:childName"))).isEmpty();
        assertThat(http.get("/api/v1/children/" + childId, admin).status()).isEqualTo(404);
        assertThat(audited("erase")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM child WHERE id = ?", childId)).isZero();
        assertThat(count("SELECT count(*) FROM consent WHERE child_id = ?", childId))
                .isZero();

        List<String> blocked = session.browser().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(blocked).as("what the policy blocked").isEmpty();
    }
}
