package org.zenmoon.batch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read whole with Apache Commons CSV (RFC 4180: quoted values may hold commas, quotes and line breaks),
 * remembering the line each row starts on, so that an unusable value is reported with its file, line and column.
 */
public final class CsvTable {

    /** The format of every CSV file the tool reads: RFC 4180, blank lines skipped. */
    static final CSVFormat INPUT =
            CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    /** The format of every CSV file the tool writes: RFC 4180 quoting where needed, one line per row ending in \n. */
    static final CSVFormat OUTPUT =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private static final Pattern PARSER_LINE = Pattern.compile("(?:startline |line:? )(\\d+)");

    /** One data row; {@code line} is the file line it starts on (the header is line 1 unless a preamble precedes it). */
    public record Row(long line, List<String> values) {}

    private final Path file;
    private final long headerLine;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Row> rows;

    private CsvTable(Path file, long headerLine, List<String> header, List<Row> rows) {
        this.file = file;
        this.headerLine = headerLine;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
    }

    /** Reads a file whose first line is a header. */
    public static CsvTable read(Path file) throws InputException {
        return read(file, true);
    }

    /** Reads a file; without a header the columns are named "1", "2", ... */
    public static CsvTable read(Path file, boolean hasHeader) throws InputException {
        return read(file, hasHeader, null, 0);
    }

    /**
     * Reads a file whose header is the first of its first {@code maxLines} lines that {@code isHeader} accepts; the
     * lines before it (such as ActiLife's preamble) are skipped, and line numbers stay the file's own. When no line
     * qualifies, the first line is the header.
     */
    public static CsvTable readAfterPreamble(Path file, Predicate<List<String>> isHeader, int maxLines)
            throws InputException {
        return read(file, true, isHeader, maxLines);
    }

    private static CsvTable read(Path file, boolean hasHeader, Predicate<List<String>> isHeader, int maxLines)
            throws InputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(file, 0, null, "cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Lines lines = new Lines(text);
        int start = hasHeader && isHeader != null ? lines.headerStart(isHeader, maxLines) : 0;
        long lineOffset = lines.lineOf(start) - 1;
        List<String> header = null;
        long headerLine = 1;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text.substring(start), INPUT)) {
            for (CSVRecord r : parser) {
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // a line of spaces
                }
                long line = lines.lineOf(start + r.getCharacterPosition());
                if (header == null && hasHeader) {
                    header = r.stream().map(String::trim).toList();
                    headerLine = line;
                    continue;
                }
                rows.add(new Row(line, r.toList()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw malformed(file, e, lineOffset);
        }
        if (header == null) {
            if (hasHeader) {
                throw new InputException(file, 1, null, "empty file, a header line was expected");
            }
            int width = rows.isEmpty() ? 0 : rows.get(0).values().size();
            header = new ArrayList<>();
            for (int i = 1; i <= width; i++) {
                header.add(String.valueOf(i));
            }
        }
        return new CsvTable(file, headerLine, header, rows);
    }

    /** Commons CSV's complaint, with the line it names counted in the file rather than in the parsed text. */
    private static InputException malformed(Path file, Exception e, long lineOffset) {
        String message = e instanceof UncheckedIOException u && u.getCause() != null
                ? u.getCause().getMessage()
                : e.getMessage();
        message = message == null ? e.toString() : message;
        Matcher m = PARSER_LINE.matcher(message);
        long line = m.find() ? Long.parseLong(m.group(1)) + lineOffset : 0;
        String reason;
        if (message.contains("EOF reached before encapsulated token finished")) {
            reason = "unterminated quoted value (a \" opens it and no \" closes it)";
        } else if (message.contains("Invalid character between encapsulated token and delimiter")) {
            reason = "text after a closing quote (a quoted value must be followed by a comma or the end of the line)";
        } else {
            reason = "malformed CSV: " + message;
        }
        return new InputException(file, line, null, reason);
    }

    /** Where each line of the text starts, so that a character position can be turned into a line number. */
    private static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            int[] s = new int[16];
            int n = 0;
            s[n++] = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == s.length) {
                        s = Arrays.copyOf(s, n * 2);
                    }
                    s[n++] = i + 1;
                }
            }
            this.starts = Arrays.copyOf(s, n);
        }

        /**
         * The 1-based line of the first character at or after {@code position} that is not a line break: Commons CSV
         * gives a record the position where it began looking, before the blank lines it skipped.
         */
        long lineOf(long position) {
            int p = (int) Math.min(position, text.length());
            while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
                p++;
            }
            int i = Arrays.binarySearch(starts, p);
            return (i >= 0 ? i : -i - 2) + 1;
        }

        /** The position of the first of the first {@code maxLines} lines whose values {@code isHeader} accepts. */
        int headerStart(Predicate<List<String>> isHeader, int maxLines) {
            for (int i = 0; i < Math.min(maxLines, starts.length); i++) {
                int end = i + 1 < starts.length ? starts[i + 1] : text.length();
                String line = text.substring(starts[i], end).strip();
                if (line.isEmpty()) {
                    continue;
                }
                try (CSVParser p = CSVParser.parse(line, INPUT)) {
                    List<CSVRecord> records = p.getRecords();
                    if (!records.isEmpty()
                            && isHeader.test(
                                    records.get(0).stream().map(String::trim).toList())) {
                        return starts[i];
                    }
                } catch (IOException | UncheckedIOException e) {
                    // not a header line (a preamble line with a stray quote, say)
                }
            }
            return 0;
        }
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The position of a column, or an input error naming the file's header line. */
    public int column(String name) throws InputException {
        Integer i = index.get(name);
        if (i == null) {
            throw new InputException(
                    file,
                    headerLine,
                    name,
                    "column '" + name + "' is missing (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The text of a cell without surrounding spaces; a row too short for the column is an input error. */
    public String text(Row row, int column) throws InputException {
        if (column >= row.values().size()) {
            throw new InputException(
                    file,
                    row.line(),
                    header.get(column),
                    "the row has only " + row.values().size() + " values");
        }
        return row.values().get(column).trim();
    }

    /** A finite number; anything else is an input error naming the cell. */
    public double number(Row row, int column) throws InputException {
        String t = text(row, column);
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException(file, row.line(), header.get(column), "'" + t + "' is not a number");
    }

    /** An existing, readable file given with {@code option}; otherwise an input error naming it. */
    public static Path readable(Path file, String option) throws InputException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputException(file + ":0: file not found or not readable (option " + option + ")");
        }
        return file;
    }
}
