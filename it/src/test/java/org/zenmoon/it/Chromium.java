package org.zenmoon.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium and chromedriver (no browser download works on the build machines). */
final class Chromium {

    private Chromium() {}

    static ChromeDriver start(int width, int height) throws IOException {
        return start(width, height, null);
    }

    /** With {@code downloads} set, a file the page sends is saved there without a question. */
    static ChromeDriver start(int width, int height, Path downloads) throws IOException {
        ChromeOptions options = new ChromeOptions();
        if (downloads != null) {
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "download.default_directory",
                            downloads.toAbsolutePath().toString(),
                            "download.prompt_for_download",
                            false));
        }
        options.setBinary(System.getProperty("zenmoon.chromium", "/usr/bin/chromium"));
        // The flags keep Chromium from reaching for the network, which this machine does not have.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("chromium"));
        // The browser's console, where Chromium reports what the Content-Security-Policy blocked.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("zenmoon.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        return new ChromeDriver(service, options);
    }
}
