package org.zenmoon.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.JavascriptExecutor;

/** axe-core, as the phone app's npm dev dependency installed it, run on the page a browser shows. */
final class Axe {

    /** The mobile module builds before this one, so its node_modules are there. */
    static final Path SCRIPT = Path.of("..", "mobile", "node_modules", "axe-core", "axe.min.js");

    private Axe() {}

    /**
     * The page's serious and critical violations of WCAG 2.0/2.1 A and AA, as JSON ({@code []} when none): rule id,
     * impact and the selectors of the offending nodes.
     */
    static String seriousViolations(JavascriptExecutor browser) throws Exception {
        browser.executeScript(Files.readString(SCRIPT));
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(JSON.stringify(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })))))
                  .catch(e => done('axe failed: ' + e));
                """);
        return String.valueOf(result);
    }
}
