package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exit codes and error lines of the offline tool, independent of any analysis. */
class AnalyticsToolTest {

    @TempDir
    Path dir;

    /** A command that sums a column, to exercise the framework. */
    @Command(name = "sum")
    static final class Sum implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "FILE")
        Path data;

        @Option(names = "--column", required = true, paramLabel = "C")
        String column;

        @Override
        public Integer call() throws InputException {
            CsvTable csv = CsvTable.read(CsvTable.readable(data, "--data"));
            int col = csv.column(column);
            double sum = 0;
            for (CsvTable.Row row : csv.rows()) {
                sum += csv.number(row, col);
            }
            spec.commandLine().getOut().println(sum);
            return 0;
        }
    }

    ToolRun run(String... args) {
        return ToolRun.of(new AnalyticsTool().register("sum", new Sum()), args);
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
    void helpShowsEverySubcommandWithItsOptionsOrTheOneNamed() {
        ToolRun all = run("help");
        assertThat(all.code()).isZero();
        assertThat(all.err()).isEmpty();
        assertThat(all.out()).contains("--counts", "--mctq", "--confounders", "--horizon", "--column", "Exit codes");
        ToolRun one = run("help", "sleep");
        assertThat(one.code()).isZero();
        assertThat(one.out()).contains("--counts", "--bedtime-start").doesNotContain("--mctq");
        assertThat(run("sleep", "--help").out()).isEqualTo(one.out());
        assertThat(run("--help").out()).isEqualTo(all.out());
        ToolRun unknown = run("help", "frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("unknown subcommand 'frobnicate'");
    }

    @Test
    void usageErrorsAreOneLineNamingTheOption() throws IOException {
        ToolRun noValue = run("sum", "--column", "a", "--data");
        assertThat(noValue.code()).isEqualTo(2);
        assertThat(noValue.err().lines().toList()).containsExactly("option --data needs a value");
        assertThat(run("sum").err().lines().toList()).containsExactly("options --data, --column are required");
        assertThat(run("sum", "--data", file("a\n1\n").toString()).err().lines().toList())
                .containsExactly("option --column is required");
        ToolRun notANumber = run(
                "sleep",
                "--counts",
                file("t,c\n").toString(),
                "--time-col",
                "t",
                "--counts-col",
                "c",
                "--algorithm",
                "sadeh",
                "--min-period",
                "long");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err().lines().toList())
                .containsExactly("option --min-period must be a whole number, not 'long'");
        ToolRun extra = run("sum", "--data", file("a\n1\n").toString(), "--column", "a", "b");
        assertThat(extra.err().lines().toList()).containsExactly("unexpected argument 'b'");
        ToolRun misspelt = run("sum", "--dta", "x.csv", "--column", "a");
        assertThat(misspelt.err().lines().toList())
                .as("a misspelt option is named, not reported as a missing one")
                .containsExactly("unknown option --dta (known: --column, --data, --help)");
    }

    @Test
    void otherFailuresExitOne() {
        ToolRun r = new AnalyticsToolTest().runFailing();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("boom");
    }

    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }

    private ToolRun runFailing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AnalyticsTool()
                .register("fail", new Failing())
                .run(new String[] {"fail"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(code, "", err.toString(StandardCharsets.UTF_8));
    }
}
