package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** One run of the offline tool in-process, as a user would see it: exit code, standard output and error. */
record ToolRun(int code, String out, String err) {

    JsonObject json() {
        return Json.createReader(new StringReader(out)).readObject();
    }

    static ToolRun of(String... args) {
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
