package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading CSV files: RFC 4180 quoting, and the file line every row and every error is reported on. */
class CsvTableTest {

    @TempDir
    Path dir;

    Path file(String content) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void aQuotedValueMayHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvTable t = CsvTable.read(file("id,note,x\n1,\"first line\nsecond, \"\"quoted\"\"\",2\n2,plain,3\n"));
        assertThat(t.header()).containsExactly("id", "note", "x");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).values()).containsExactly("1", "first line\nsecond, \"quoted\"", "2");
        assertThat(t.rows().get(0).line()).isEqualTo(2);
        assertThat(t.rows().get(1).line()).as("the row after a two-line value").isEqualTo(4);
    }

    @Test
    void rowsKeepTheirFileLinesAcrossBlankLinesAndWindowsLineEnds() throws Exception {
        CsvTable t = CsvTable.read(file("\uFEFFa,b\r\n1,2\r\n\r\n   \r\n3,\"x\r\ny\"\r\n4,5\r\n"));
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(2L, 5L, 7L);
        assertThatThrownBy(() -> t.number(t.rows().get(2), t.column("c")))
                .hasMessageEndingWith(":1:c: column 'c' is missing (columns: a, b)");
    }

    @Test
    void anErrorAfterAQuotedLineBreakNamesTheRightLineAndColumn() throws Exception {
        Path f = file("a,b\n\"two\nlines\",1\nx7,4\n");
        CsvTable t = CsvTable.read(f);
        assertThatThrownBy(() -> t.number(t.rows().get(1), t.column("a")))
                .isInstanceOf(InputException.class)
                .hasMessage(f + ":4:a: 'x7' is not a number");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(
                        "an unterminated quote names the line it opens on",
                        "a,b\n1,2\n3,\"four\n5,6\n",
                        ":3: unterminated quoted value (a \" opens it and no \" closes it)"),
                Arguments.of(
                        "text after a closing quote is unusable",
                        "a,b\n1,2\n3,\"4\"x\n",
                        ":3: text after a closing quote (a quoted value must be followed by a comma or the end of the"
                                + " line)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedFileIsAnInputErrorNamingItsLine(String what, String content, String message) throws Exception {
        Path f = file(content);
        assertThatThrownBy(() -> CsvTable.read(f))
                .isInstanceOf(InputException.class)
                .hasMessage(f + message);
    }

    @Test
    void aPreambleIsSkippedAndLineNumbersStayTheFilesOwn() throws Exception {
        Path f = file("--- Data File Created By ActiGraph \"GT3X+\n"
                + "Serial Number: NEO1\n"
                + "Date,Time,Axis1\n"
                + "3/2/2026,8:00 PM,12\n");
        CsvTable t = CsvTable.readAfterPreamble(f, fields -> fields.contains("Date"), 50);
        assertThat(t.header()).containsExactly("Date", "Time", "Axis1");
        assertThat(t.rows()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.values()).containsExactly("3/2/2026", "8:00 PM", "12");
        });
    }

    @Test
    void withoutAHeaderColumnsAreNumbered() throws Exception {
        CsvTable t = CsvTable.read(file("1,2.5\n0,3\n"), false);
        assertThat(t.header()).isEqualTo(List.of("1", "2"));
        assertThat(t.number(t.rows().get(1), t.column("2"))).isEqualTo(3.0);
        assertThat(t.rows().get(1).line()).isEqualTo(2);
    }

    @Test
    void aMissingFileIsReportedAsLineZero() {
        Path f = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvTable.read(f)).hasMessageStartingWith(f + ":0: cannot read");
    }
}
