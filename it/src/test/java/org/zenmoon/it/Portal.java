package org.zenmoon.it;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** What every portal test does in the browser. */
final class Portal {

    private Portal() {}

    /** Fills in and sends the log-in form; where the portal goes next is the caller's to check. */
    static void logIn(WebDriver browser, String base, String user, String password) {
        browser.get(base + "/login.xhtml");
        browser.findElement(By.id("login:username")).sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }
}
