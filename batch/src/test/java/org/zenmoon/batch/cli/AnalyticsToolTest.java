package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** A file whose value 'x7' in column a stands on file line {@code line}. */
    static Stream<Arguments> notANumber() {
        return Stream.of(
                Arguments.of("a,b\n1,2\nx7,4\n", 3), Arguments.of("a,b\n1,\"a note\nover two lines\"\nx7,4\n", 4));
    }

    @ParameterizedTest
    @MethodSource("notANumber")
    void aValueThatIsNotANumberNamesFileLineAndColumnCountingLinesInTheFile(String content, int line)
            throws IOException {
        Path f = file(content);
        assertThat(run("sum", "--data", f.toString(), "--column", "a").errorLine(2))
                .isEqualTo(f + ":" + line + ":a: 'x7' is not a number");
    }

    @Test
    void aQuotedLineBreakIsPartOfItsValue() throws IOException {
        Path f = file("a,b\n1,\"a note\nover two lines\"\n2,4\n");
        assertThat(run("sum", "--data", f.toString(), "--column", "a").out().trim())
                .isEqualTo("3.0");
    }

    @Test
    void aMissingColumnNamesTheHeaderLine() throws IOException {
        Path f = file("a,b\n1,2\n");
        assertThat(run("sum", "--data", f.toString(), "--column", "c").errorLine(2))
                .startsWith(f + ":1:c: column 'c' is missing");
    }

    @Test
    void shortRowsAndMissingFilesAreInputErrors() throws IOException {
        Path f = file("a,b\n1\n");
        assertThat(run("sum", "--data", f.toString(), "--column", "b").errorLine(2))
                .isEqualTo(f + ":2:b: the row has only 1 values");
        assertThat(run("sum", "--data", dir.resolve("nope.csv").toString(), "--column", "a")
                        .errorLine(2))
                .contains("nope.csv:0:");
    }

    @Test
    void unknownSubcommandsAndOptionsExitTwo() {
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("sum", "--colour", "red").errorLine(2)).contains("unknown option --colour");
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
        assertThat(run("help", "frobnicate").errorLine(2)).contains("unknown subcommand 'frobnicate'");
    }

    @Test
    void usageErrorsAreOneLineNamingTheOption() throws IOException {
        assertThat(run("sum", "--column", "a", "--data").errorLine(2)).isEqualTo("option --data needs a value");
        assertThat(run("sum").errorLine(2)).isEqualTo("options --data, --column are required");
        assertThat(run("sum", "--data", file("a\n1\n").toString()).errorLine(2))
                .isEqualTo("option --column is required");
        assertThat(SleepCommandTest.sleep(file("t,c\n"), "t", "c", "sadeh", "--min-period", "long")
                        .errorLine(2))
                .isEqualTo("option --min-period must be a whole number, not 'long'");
        assertThat(run("sum", "--data", file("a\n1\n").toString(), "--column", "a", "b")
                        .errorLine(2))
                .isEqualTo("unexpected argument 'b'");
        assertThat(run("sum", "--dta", "x.csv", "--column", "a").errorLine(2))
                .as("a misspelt option is named, not reported as a missing one")
                .isEqualTo("unknown option --dta (known: --column, --data, --help)");
    }

    @Test
    void otherFailuresExitOne() {
        assertThat(ToolRun.of(new AnalyticsTool().register("fail", new Failing()), "fail")
                        .errorLine(1))
                .contains("boom");
    }

    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }
}
