package org.zenmoon.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A fresh Chromium for each test of a portal IT, quit after it (also when it fails); used with
 * {@code @RegisterExtension}.
 */
final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    private final int width;
    private final int height;
    private final String downloadsPrefix;

    private WebDriver browser;
    private WebDriverWait await;
    private Path downloads;

    private BrowserSession(int width, int height, String downloadsPrefix) {
        this.width = width;
        this.height = height;
        this.downloadsPrefix = downloadsPrefix;
    }

    static BrowserSession of(int width, int height) {
        return new BrowserSession(width, height, null);
    }

    /** A browser that saves what the page sends in a new temporary folder of this prefix, without a question. */
    static BrowserSession withDownloads(int width, int height, String downloadsPrefix) {
        return new BrowserSession(width, height, downloadsPrefix);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        downloads = downloadsPrefix == null ? null : Files.createTempDirectory(downloadsPrefix);
        browser = Chromium.start(width, height, downloads);
        // An Ajax update replaces an element under the test's feet: a stale one is read again, not an error.
        await = new WebDriverWait(browser, Duration.ofSeconds(30));
        await.ignoring(StaleElementReferenceException.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    WebDriver browser() {
        return browser;
    }

    /** Waits up to 30 seconds, reading a stale element again. */
    WebDriverWait await() {
        return await;
    }

    Path downloads() {
        return downloads;
    }

    /** Waits (30 s) for the file Chromium saves whose name ends so, once it is not empty. */
    Path downloaded(String ending) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(p -> p.getFileName().toString().endsWith(ending))
                        .findFirst()
                        .filter(p -> p.toFile().length() > 0)
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }
}
