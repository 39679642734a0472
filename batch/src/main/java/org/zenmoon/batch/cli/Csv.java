package org.zenmoon.batch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read whole, with RFC 4180 quoting, remembering where each value came from so that an
 * unusable value can be reported with its file, line and column.
 */
public final class Csv {

    /** One data row; {@code line} is its line number in the file (the header is line 1). */
    public record Row(long line, List<String> values) {}

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Row> rows;

    private Csv(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
    }

    /** Reads a file whose first line is a header. */
    public static Csv read(Path file) throws InputException {
        return read(file, true);
    }

    /** Reads a file; without a header the columns are named "1", "2", ... */
    public static Csv read(Path file, boolean hasHeader) throws InputException {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> values = split(file, n, line);
                if (header == null && hasHeader) {
                    header = values.stream().map(String::trim).toList();
                    continue;
                }
                rows.add(new Row(n, values));
            }
        } catch (IOException e) {
            throw new InputException(file, 0, null, "cannot read: " + e.getMessage());
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
        return new Csv(file, header, rows);
    }

    private static List<String> split(Path file, long lineNo, String line) throws InputException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new InputException(file, lineNo, null, "unterminated quoted value");
        }
        out.add(cur.toString());
        return out;
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
                    file, 1, name, "column '" + name + "' is missing (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The raw text of a cell; a row too short for the column is an input error. */
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
}
