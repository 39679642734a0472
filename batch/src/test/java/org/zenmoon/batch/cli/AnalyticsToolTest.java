package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and error lines of the offline tool, independent of any analysis. */
class AnalyticsToolTest {

    @TempDir
    Path dir;

    /** A command that sums a column, to exercise the framework. */
    static final Command SUM = new Command() {
        @Override
        public String usage() {
            return "--data FILE --column C";
        }

        @Override
        public int run(List<String> args, PrintStream out) throws InputException {
            Options o = Options.parse(args, Set.of("data", "column"), Set.of());
            CsvTable csv = CsvTable.read(o.file("data"));
            int col = csv.column(o.require("column"));
            double sum = 0;
            for (CsvTable.Row row : csv.rows()) {
                sum += csv.number(row, col);
            }
            out.println(sum);
            return 0;
        }
    };

    ToolRun run(String... args) {
        return ToolRun.of(new AnalyticsTool().register("sum", SUM), args);
    }

    Path file(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void goodInputExitsZero() throws IOException {
        ToolRun r = run("sum", "--data", file("a,b\n1,2\n\"3\",4\n").toString(), "--column", "a");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("4.0");
    }

    @Test
    void aValueThatIsNotANumberNamesFileLineAndColumn() throws IOException {
        Path f = file("a,b\n1,2\nx7,4\n");
        ToolRun r = run("sum", "--data", f.toString(), "--column", "a");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(f + ":3:a: 'x7' is not a number");
    }

    @Test
    void aQuotedLineBreakIsPartOfItsValueAndLaterLinesAreCountedInTheFile() throws IOException {
        Path f = file("a,b\n1,\"a note\nover two lines\"\nx7,4\n");
        ToolRun r = run("sum", "--data", f.toString(), "--column", "a");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(f + ":4:a: 'x7' is not a number");
        assertThat(run(
                                "sum",
                                "--data",
                                file("a,b\n1,\"a note\nover two lines\"\n2,4\n").toString(),
                                "--column",
                                "a")
                        .out()
                        .trim())
                .isEqualTo("3.0");
    }

    @Test
    void aMissingColumnNamesTheHeaderLine() throws IOException {
        Path f = file("a,b\n1,2\n");
        ToolRun r = run("sum", "--data", f.toString(), "--column", "c");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":1:c: column 'c' is missing");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void shortRowsAndMissingFilesAreInputErrors() throws IOException {
        Path f = file("a,b\n1\n");
        assertThat(run("sum", "--data", f.toString(), "--column", "b").err().trim())
                .isEqualTo(f + ":2:b: the row has only 1 values");
        ToolRun missing = run("sum", "--data", dir.resolve("nope.csv").toString(), "--column", "a");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv:0:");
    }

    @Test
    void unknownSubcommandsAndOptionsExitTwo() {
        assertThat(run("frobnicate").code()).isEqualTo(2);
        ToolRun r = run("sum", "--colour", "red");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option --colour");
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("help").code()).isZero();
    }

    @Test
    void otherFailuresExitOne() {
        ToolRun r = new AnalyticsToolTest().runFailing();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("boom");
    }

    private ToolRun runFailing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Command failing = new Command() {
            @Override
            public String usage() {
                return "";
            }

            @Override
            public int run(List<String> args, PrintStream out) {
                throw new IllegalStateException("boom");
            }
        };
        int code = new AnalyticsTool()
                .register("fail", failing)
                .run(new String[] {"fail"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(code, "", err.toString(StandardCharsets.UTF_8));
    }
}
