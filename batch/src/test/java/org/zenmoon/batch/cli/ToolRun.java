package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * One run of the offline tool in-process, as a user would see it: exit code, standard output and error. Public for
 * the accuracy checks, which run the tool on the shared data.
 */
public record ToolRun(int code, String out, String err) {

    public JsonObject json() {
        return Json.createReader(new StringReader(out)).readObject();
    }

    /** Standard output as JSON, of a run that exited 0 with nothing on standard error; the test fails otherwise. */
    public JsonObject successJson() {
        assertThat(err).as("standard error").isEmpty();
        assertThat(code).as("exit code").isZero();
        return json();
    }

    /**
     * The one line on standard error of a run that ended with exit code {@code expected} (2: unusable input, or a
     * usage error); the test fails on another exit code or on anything but exactly one line.
     */
    public String errorLine(int expected) {
        assertThat(code).as("exit code; standard error: %s", err).isEqualTo(expected);
        assertThat(err.lines().toList()).as("standard error").hasSize(1);
        return err.lines().findFirst().orElseThrow();
    }

    public static ToolRun of(String... args) {
        return of(new AnalyticsTool(), args);
    }

    static ToolRun of(AnalyticsTool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = tool.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
