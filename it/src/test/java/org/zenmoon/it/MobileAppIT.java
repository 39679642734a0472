package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue #15 in a real Chromium against the running server with its demo data: the demo parent logs in to the phone
 * app at {@code /app/}, sees the summary, the forecast and the recommendation, answers 👍 (read back through the
 * API), and receives an alert over the WebSocket when a high-stress upload arrives; the companion replays the
 * wearable's recorded frames with the network cut and delivers every minute exactly once when it returns. Every
 * screen is checked with axe-core at a 360 px wide phone's size, and photographed (it/target/mobile-screens/, the
 * copies in docs/mobile/).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MobileAppIT {

    static final Path SCREENS = Path.of("target", "mobile-screens");

    static Http http;
    static String base;
    static String parent;
    static List<String> children = new ArrayList<>();
    static ChromeDriver browser;
    static WebDriverWait wait;
    /** What the run measured (time to interactive, alert latency, ...), written to mobile-screens/summary.txt. */
    static final Map<String, String> measured = new LinkedHashMap<>();

    @BeforeAll
    static void serverAndBrowser() throws Exception {
        base = SharedServer.get().baseUrl();
        http = new Http(base);
        parent = http.token("parent");
        for (JsonValue child : http.get("/api/v1/children", parent).json().asJsonArray()) {
            children.add(child.asJsonObject().getString("childId"));
        }
        assertThat(children).hasSize(2);
        // The summary and the forecast read what the nightly jobs stored; on a fresh server they have not run yet.
        String admin = http.token("school.admin");
        Http.Reply forecast = http.get("/api/v1/children/" + children.get(0) + "/forecast?metric=sleep", parent);
        if (forecast.status() != 200 || !forecast.object().containsKey("points")) {
            for (String job : List.of("sleep-detection", "chronotype", "forecast")) {
                JsonObject done = Jobs.runToTheEnd(http, job, admin);
                assertThat(done.getString("status")).as(job + ": " + done).isEqualTo("COMPLETED");
            }
        }
        Files.createDirectories(SCREENS);

        browser = Chromium.start(360, 780);
        phone();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        StringBuilder summary = new StringBuilder();
        measured.forEach((k, v) -> summary.append(k).append(": ").append(v).append('\n'));
        Files.writeString(SCREENS.resolve("summary.txt"), summary.toString());
    }

    @BeforeEach
    void online() {
        network(true);
    }

    @Test
    @Order(1)
    void aParentLogsInAndSeesTheSummaryAvatarAndForecast() throws Exception {
        browser.get(base + "/app/");
        WebElement username = byTestId("login-username");
        // The app is usable within a second of the navigation on this machine (docs/BENCHMARKS.md).
        Object interactive = browser.executeScript(
                "const m = performance.getEntriesByName('zenmoon-interactive')[0]; return m ? m.startTime : null;");
        assertThat(interactive)
                .as("the app marks when its first screen is usable")
                .isInstanceOf(Number.class);
        double interactiveMs = ((Number) interactive).doubleValue();
        assertThat(interactiveMs).isFinite().isPositive();
        measured.put("interactive-ms", String.format("%.0f", interactiveMs));
        check("login");

        username.sendKeys("parent");
        byTestId("login-password").sendKeys("wrong password");
        byTestId("login-submit").click();
        assertThat(byTestId("login-error").getText()).isNotBlank();
        byTestId("login-password").clear();
        byTestId("login-password").sendKeys("demo");
        byTestId("login-submit").click();

        wait.until(d -> d.findElements(testId("child-link")).size() == 2);
        check("children");
        // The token is for this tab only: nothing in storage another tab, a later visitor or another site could read.
        Object persistent = browser.executeScript("return JSON.stringify(window.localStorage);");
        assertThat(String.valueOf(persistent)).doesNotContain("ey");
        assertThat(browser.manage().getCookies()).isEmpty();

        browser.findElements(testId("child-link")).get(0).click();
        WebElement sleep = byTestId("summary-sleep");
        wait.until(d -> !sleep.getText().isBlank());
        assertThat(sleep.getText()).containsPattern("\\d+ h");
        assertThat(byTestId("summary-stress").getText()).isNotBlank();
        assertThat(byTestId("summary-chronotype").getText())
                .doesNotContain("_")
                .containsPattern("(?i)early bird|night owl|in between|not known");
        WebElement avatar = byTestId("avatar");
        String label = avatar.getAttribute("aria-label");
        assertThat(label).as("the avatar is described for screen readers").isNotBlank();
        assertThat(avatar.getAttribute("role")).isEqualTo("img");
        measured.put("avatar", label);
        check("summary");

        browser.get(base + "/app/#/child/" + children.get(0) + "/forecast");
        WebElement chart = byTestId("forecast-chart");
        wait.until(d -> !chart.findElements(By.tagName("canvas")).isEmpty());
        assertThat(chart.findElements(By.tagName("canvas")).get(0).getSize().getHeight())
                .isGreaterThan(100);
        check("forecast");
    }

    @Test
    @Order(2)
    void aThumbsUpIsStoredOnTheServer() throws Exception {
        String child = children.get(0);
        browser.get(base + "/app/#/child/" + child + "/recommendation");
        WebElement text = byTestId("rec-text");
        wait.until(d -> !text.getText().isBlank());
        String shown = text.getText();
        assertThat(byTestId("rec-why").getText()).isNotBlank();
        check("recommendation");

        byTestId("rec-comment").sendKeys("We did it after dinner");
        byTestId("rec-helpful").click();
        wait.until(d -> !byTestId("rec-confirmation").getText().isBlank());
        assertThat(byTestId("rec-helpful").getAttribute("aria-pressed")).isEqualTo("true");

        JsonObject answered = null;
        for (JsonValue item : http.get("/api/v1/children/" + child + "/recommendations?limit=20", parent)
                .json()
                .asJsonArray()) {
            JsonObject r = item.asJsonObject();
            if (r.getString("text").equals(shown) && r.containsKey("helpful") && !r.isNull("helpful")) {
                answered = r;
            }
        }
        assertThat(answered)
                .as("the shown recommendation, answered, in the child's history")
                .isNotNull();
        assertThat(answered.getBoolean("helpful")).isTrue();
        assertThat(answered.getString("comment")).isEqualTo("We did it after dinner");
        check("recommendation-answered");
    }

    @Test
    @Order(3)
    void anAnswerGivenOfflineIsKeptAndSentWhenTheNetworkIsBack() throws Exception {
        String child = children.get(0);
        browser.get(base + "/app/#/child/" + child + "/recommendation");
        WebElement text = byTestId("rec-text");
        wait.until(d -> !text.getText().isBlank());
        String shown = text.getText();

        network(false);
        byTestId("rec-comment").clear();
        byTestId("rec-comment").sendKeys("Too late in the evening");
        byTestId("rec-not-helpful").click();
        WebElement note = byTestId("rec-confirmation");
        wait.until(d -> !note.getText().isBlank());
        assertThat(note.getText())
                .isEqualTo("Saved on this phone: your answer (not helpful, with your comment) will be sent to ZenMoon"
                        + " when the phone is back online.");
        assertThat(note.getAttribute("role")).isEqualTo("status");
        assertThat(byTestId("rec-not-helpful").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(answerOf(child, shown, "Too late in the evening"))
                .as("nothing sent while offline")
                .isNull();
        assertThat(answerOf(child, shown, "We did it after dinner").getBoolean("helpful"))
                .as("the server still has the answer given online before")
                .isTrue();
        check("recommendation-answered-offline");

        // Chromium fires `online`: the app sends the kept answer and says so.
        network(true);
        WebElement sent = byTestId("outbox-status");
        wait.until(d -> !sent.getText().isBlank());
        assertThat(sent.getText()).isEqualTo("Your answer saved on this phone (not helpful) has been sent to ZenMoon.");
        JsonObject answered = answerOf(child, shown, "Too late in the evening");
        assertThat(answered).as("the answer given offline, on the server").isNotNull();
        assertThat(answered.getBoolean("helpful")).isFalse();
        assertThat(answerOf(child, shown, "We did it after dinner"))
                .as("the answer given offline replaced the one before")
                .isNull();
        assertThat(browser.executeScript(
                        "return document.querySelector(\"[data-testid='outbox-status']\").getAttribute('aria-live');"))
                .isEqualTo("polite");
    }

    /** The child's recommendation with this text answered with this comment, as the server has it, or null. */
    static JsonObject answerOf(String child, String text, String comment) throws Exception {
        for (JsonValue item : http.get("/api/v1/children/" + child + "/recommendations?limit=20", parent)
                .json()
                .asJsonArray()) {
            JsonObject r = item.asJsonObject();
            if (r.getString("text").equals(text)
                    && r.containsKey("comment")
                    && !r.isNull("comment")
                    && r.getString("comment").equals(comment)) {
                return r;
            }
        }
        return null;
    }

    @Test
    @Order(4)
    void anAlertArrivesLiveWhenAHighStressUploadIsStored() throws Exception {
        String child = children.get(0);
        browser.get(base + "/app/#/alerts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        Set<String> before = alertIds();

        JsonObject device = pair(child, "Alert test band");
        // 40 minutes of stress 0.97 that ended two minutes ago: far above this child's own demo baseline.
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int i = 40; i > 0; i--) {
            epochs.add(Json.createObjectBuilder()
                    .add("t", end.minus(i, ChronoUnit.MINUTES).toString())
                    .add("hr", 118.0)
                    .add("stress", 0.97)
                    .add("quality", 1.0)
                    .add("wear", true));
        }
        String batch = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add("deviceId", device.getString("deviceId"))
                .add("sentAt", Instant.now().toString())
                .add("epochs", epochs)
                .build()
                .toString();
        long sent = System.nanoTime();
        Http.Reply stored = http.post("/api/v1/ingest/batches", batch, device.getString("deviceToken"));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.object().getInt("accepted")).isEqualTo(40);

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> alertIds().size() > before.size());
        double seconds = (System.nanoTime() - sent) / 1e9;
        measured.put("alert-latency-s", String.format("%.2f", seconds));
        Set<String> arrived = alertIds();
        arrived.removeAll(before);
        String alertId = arrived.iterator().next();
        JsonObject listed = null;
        for (JsonValue item : http.get("/api/v1/children/" + child + "/alerts", parent)
                .object()
                .getJsonArray("items")) {
            if (item.asJsonObject().getString("alertId").equals(alertId)) {
                listed = item.asJsonObject();
            }
        }
        assertThat(listed).as("the pushed alert is the child's stored alert").isNotNull();
        assertThat(listed.getString("kind")).isEqualTo("stress_sustained");
        assertThat(browser.findElement(By.cssSelector("[data-alert-id='" + alertId + "']"))
                        .getText())
                .isNotBlank();
        check("alerts");
    }

    @Test
    @Order(5)
    void theCompanionDeliversEveryReplayedMinuteExactlyOnceAfterAnOfflineSpell() throws Exception {
        String child = children.get(1);
        // The replay lands in the last hour; what the child had stored there before is counted first.
        Instant from = Instant.now().minus(3, ChronoUnit.HOURS);
        List<String> before = epochTimes(child, from);
        browser.get(base + "/app/#/companion");
        check("companion");
        Select.pickChild(browser, child);
        byTestId("companion-pair").click();
        wait.until(d -> byTestId("companion-replay").isEnabled());

        network(false);
        byTestId("companion-replay").click();
        wait.until(d -> number("companion-queued") > 0);
        int frames = recordedEpochs();
        // Offline: nothing can have gone out, whatever the retries did meanwhile.
        Thread.sleep(3000);
        assertThat(number("companion-sent")).isZero();
        assertThat(byTestId("companion-last-error").getText()).isNotBlank().isNotEqualTo("None");
        check("companion-offline");

        network(true);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> number("companion-queued") == 0);
        assertThat(number("companion-sent")).isEqualTo(frames);
        assertThat(number("companion-duplicates")).isZero();
        check("companion-delivered");

        // The server holds each replayed minute once.
        List<String> after = epochTimes(child, from);
        assertThat(new HashSet<>(after)).hasSameSizeAs(after);
        assertThat(after).containsAll(before);
        assertThat(after.size() - before.size()).isEqualTo(frames);
        measured.put("companion-epochs", String.valueOf(frames));
    }

    @Test
    @Order(6)
    void offlineTheInstalledAppShowsTheLastSummaryItSawMarkedAsSuch() throws Exception {
        String child = children.get(0);
        browser.get(base + "/app/#/child/" + child);
        if (!browser.findElements(testId("login-username")).isEmpty()) {
            byTestId("login-username").sendKeys("parent");
            byTestId("login-password").sendKeys("demo");
            byTestId("login-submit").click();
            wait.until(d -> d.findElements(testId("child-link")).size() == 2);
            browser.get(base + "/app/#/child/" + child);
        }
        WebElement sleep = byTestId("summary-sleep");
        wait.until(d -> !sleep.getText().isBlank());
        String online = sleep.getText();
        // The service worker controls the page once it is installed; it serves the app itself without a network.
        try {
            wait.until(d -> Boolean.TRUE.equals(browser.executeScript("return !!navigator.serviceWorker.controller;")));
        } catch (org.openqa.selenium.TimeoutException e) {
            Object registrations = browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    navigator.serviceWorker.getRegistrations().then(rs => done(JSON.stringify(rs.map(r => ({
                      scope: r.scope, active: r.active && r.active.state, installing: !!r.installing,
                      waiting: !!r.waiting }))))).catch(e => done('failed: ' + e));
                    """);
            throw new AssertionError(
                    "no service worker controls the app: " + registrations + " "
                            + browser.manage().logs().get(LogType.BROWSER).getAll(),
                    e);
        }

        // Chromium's own check that the app can be installed (manifest, icons, service worker).
        Map<String, Object> installability = browser.executeCdpCommand("Page.getInstallabilityErrors", Map.of());
        assertThat((List<?>) installability.get("installabilityErrors"))
                .as("Chromium's installability errors")
                .isEmpty();

        network(false);
        browser.navigate().refresh();
        WebElement banner = byTestId("offline-banner");
        assertThat(banner.getText()).containsIgnoringCase("offline");
        assertThat(byTestId("summary-sleep").getText()).isEqualTo(online);
        check("summary-offline");
        network(true);
    }

    @Test
    @Order(7)
    void aParentPairsAWearableByQrCodeAndTheChildsPhoneUploadsWithThatLinkAlone() throws Exception {
        String child = children.get(1);
        browser.get(base + "/app/#/child/" + child);
        if (!browser.findElements(testId("login-username")).isEmpty()) {
            byTestId("login-username").sendKeys("parent");
            byTestId("login-password").sendKeys("demo");
            byTestId("login-submit").click();
            wait.until(d -> d.findElements(testId("child-link")).size() == 2);
            browser.get(base + "/app/#/child/" + child);
        }
        // This child's summary, not the one shown before the hash changed.
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[data-testid='pair-wearable'][href='#/child/" + child + "/pair']")))
                .click();
        WebElement make = byTestId("pair-make");
        assertThat(browser.getCurrentUrl()).endsWith("#/child/" + child + "/pair");
        check("pair-wearable");
        byTestId("pair-label").clear();
        byTestId("pair-label").sendKeys("Phone by QR code");
        make.click();
        WebElement qr = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='pair-qr'] svg")));
        String link = byTestId("pair-link").getText();
        assertThat(link)
                .startsWith("zenmoon://pair?server=" + URLEncoder.encode(base + "/api/v1/", StandardCharsets.UTF_8)
                        + "&token=zmd.");
        assertThat(byTestId("pair-once").getText()).startsWith("Shown once.");
        assertThat(byTestId("pair-again").getText()).contains("unpair the old one below");
        assertThat(byTestId("pair-clipboard").getText()).contains("treat it like a password");
        wait.until(d -> !d.findElements(By.cssSelector("[data-testid='pair-device'] [data-testid='pair-unpair']"))
                .isEmpty());
        // The code as Chromium drew it on the screen, read by a QR decoder: it is the link shown beside it.
        assertThat(decodeQr(qr)).isEqualTo(link);
        String token = URLDecoder.decode(link.substring(link.indexOf("&token=") + 7), StandardCharsets.UTF_8);
        String secret = token.substring(token.lastIndexOf('.') + 1);
        assertThat(String.valueOf(browser.executeScript(
                        "return JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage);")))
                .as("the parents' app keeps no copy of the device token")
                .doesNotContain(secret);
        check("pair-wearable-code");

        // The child's phone: another tab (no parent's session there), the companion, the link pasted.
        String parentTab = browser.getWindowHandle();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            phone(); // the emulation is per tab
            browser.get(base + "/app/#/companion");
            assertThat(byTestId("nav-login").isDisplayed())
                    .as("no parent is logged in here")
                    .isTrue();
            WebElement device = byTestId("companion-device");
            // This browser's companion was paired above (Order 5) with the parent's session: that pairing shows.
            wait.until(d -> byTestId("companion-link-pair").isEnabled()
                    && device.getText().startsWith("Paired for"));
            String oldDevice = device.getText().replaceAll(".* as device (\\S+) since.*", "$1");
            byTestId("companion-link-input").sendKeys(link);
            byTestId("companion-link-pair").click();
            String newDevice = token.split("\\.")[2];
            wait.until(d -> device.getText().contains(newDevice));
            assertThat(device.getText()).contains(child);
            assertThat(byTestId("companion-progress").getText()).isEqualTo("This phone is paired.");
            wait.until(d -> byTestId("companion-replay").isEnabled());
            check("companion-link-paired");

            // The phone's totals count since it was first used (the replay above, under the old pairing too).
            int before = number("companion-sent") + number("companion-duplicates");
            byTestId("companion-replay").click();
            int frames = recordedEpochs();
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(d -> number("companion-queued") == 0
                            && number("companion-sent") + number("companion-duplicates") == before + frames);
            // Every minute went up with the new device's token, for the child the token names.
            try (var db = SharedServer.ownerConnection();
                    var batches = db.prepareStatement(
                            "SELECT child_id, sum(items) AS items FROM ingest_batch WHERE device_id = ? GROUP BY child_id")) {
                batches.setString(1, newDevice);
                try (var rs = batches.executeQuery()) {
                    assertThat(rs.next())
                            .as("batches stored for the device paired by link")
                            .isTrue();
                    assertThat(rs.getString("child_id")).isEqualTo(child);
                    assertThat(rs.getInt("items")).isEqualTo(frames);
                    assertThat(rs.next()).isFalse();
                }
            }
            // The phone's earlier pairing (the parent's "Pair this phone" above) ended itself: its token is revoked.
            assertThat(oldDevice).isNotEqualTo(newDevice);
            JsonObject old = http
                    .get("/api/v1/children/" + child + "/devices", parent)
                    .json()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(d -> d.getString("deviceId").equals(oldDevice))
                    .findFirst()
                    .orElseThrow();
            assertThat(old.isNull("revokedAt")).as("the old device is unpaired").isFalse();
            measured.put("pairing-link-chars", String.valueOf(link.length()));
        } finally {
            browser.close();
            browser.switchTo().window(parentTab);
        }
    }

    /** Decodes the QR code in the element's screenshot with jsQR (the phone app's npm dev dependency). */
    static String decodeQr(WebElement element) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgba = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int i = (y * w + x) * 4;
                rgba[i] = (byte) (argb >> 16);
                rgba[i + 1] = (byte) (argb >> 8);
                rgba[i + 2] = (byte) argb;
                rgba[i + 3] = (byte) 255;
            }
        }
        browser.executeScript(Files.readString(Path.of("..", "mobile", "node_modules", "jsqr", "dist", "jsQR.js")));
        Object decoded = browser.executeScript("""
                const bytes = atob(arguments[0]);
                const pixels = new Uint8ClampedArray(bytes.length);
                for (let i = 0; i < bytes.length; i++) pixels[i] = bytes.charCodeAt(i);
                const code = jsQR(pixels, arguments[1], arguments[2]);
                return code ? code.data : null;
                """, Base64.getEncoder().encodeToString(rgba), w, h);
        assertThat(decoded)
                .as("a QR code found in the " + w + " x " + h + " screenshot")
                .isNotNull();
        return String.valueOf(decoded);
    }

    /** The times of the child's stored epochs from {@code from} on, through every page. */
    static List<String> epochTimes(String child, Instant from) throws Exception {
        List<String> times = new ArrayList<>();
        String cursor = null;
        do {
            Http.Reply page = http.get(
                    "/api/v1/children/" + child + "/epochs?from=" + from + "&limit=1000"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    parent);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonValue e : page.object().getJsonArray("items")) {
                times.add(e.asJsonObject().getString("t"));
            }
            cursor = page.object().isNull("nextCursor") ? null : page.object().getString("nextCursor");
        } while (cursor != null);
        return times;
    }

    /** Picks the companion's child in its selector, when it has one. */
    static final class Select {
        static void pickChild(ChromeDriver browser, String childId) {
            List<WebElement> selects = browser.findElements(By.cssSelector("[data-testid='companion-child']"));
            if (!selects.isEmpty()) {
                new org.openqa.selenium.support.ui.Select(selects.get(0)).selectByValue(childId);
            }
        }
    }

    /** The number of epochs in the recording the companion replays (the firmware's golden frames). */
    static int recordedEpochs() throws Exception {
        JsonObject recording = Json.createReader(Files.newBufferedReader(
                        Path.of("..", "mobile", "public", "replay", "golden_S01.json"), StandardCharsets.UTF_8))
                .readObject();
        return recording.getInt("epochCount");
    }

    static JsonObject pair(String child, String label) throws Exception {
        Http.Reply paired = http.post(
                "/api/v1/devices/pair",
                Json.createObjectBuilder()
                        .add("childId", child)
                        .add("label", label)
                        .build()
                        .toString(),
                parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        return paired.object();
    }

    /** Read in one script call: the list re-renders when an alert arrives, so element handles go stale. */
    static Set<String> alertIds() {
        Object ids =
                browser.executeScript("return Array.from(document.querySelectorAll(\"[data-testid='alert-item']\"))"
                        + ".map(e => e.getAttribute('data-alert-id'));");
        Set<String> result = new HashSet<>();
        for (Object id : (List<?>) ids) {
            result.add(String.valueOf(id));
        }
        return result;
    }

    static int number(String testId) {
        String text = browser.findElement(testId(testId)).getText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? -1 : Integer.parseInt(text);
    }

    /** A phone: 360 CSS px wide, touch, twice the pixels. */
    static void phone() {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 780, "deviceScaleFactor", 2, "mobile", true));
    }

    /** Chromium's own offline switch: the page's requests fail and the browser fires offline and online. */
    static void network(boolean online) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    static WebElement byTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(id)));
    }

    /**
     * The screen fits a 360 px phone without sideways scrolling, axe-core finds no serious or critical violation of
     * WCAG 2.1 A/AA, and a screenshot is saved.
     */
    static void check(String screen) throws Exception {
        Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width.intValue()).as(screen + " fits 360 px").isLessThanOrEqualTo(360);
        String result = Axe.seriousViolations(browser);
        assertThat(result)
                .as(screen + ": axe-core's serious and critical violations")
                .isEqualTo("[]");
        Files.write(SCREENS.resolve(screen + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        List<String> blocked = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy"))
                .toList();
        assertThat(blocked)
                .as(screen + ": what the Content-Security-Policy blocked")
                .isEmpty();
    }
}
