package io.fupan.tools.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV file, RFC 4180 (CRLF line ends, a field quoted when it holds a comma, quote or line
 * break), UTF-8 without BOM. A line is built in a reused buffer and written through; nothing is kept.
 */
final class CsvOut implements AutoCloseable {

    private final Kind kind;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private int fields;
    private long rows;

    CsvOut(Path dir, Kind kind) {
        this.kind = kind;
        try {
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(dir.resolve(kind.fileName())),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kind.columns().forEach(this::text);
        end();
        rows = 0;
    }

    Kind kind() {
        return kind;
    }

    /** Rows written, the header not counted. */
    long rows() {
        return rows;
    }

    CsvOut text(String value) {
        separate();
        if (value != null) {
            if (needsQuotes(value)) {
                line.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        line.append('"');
                    }
                    line.append(c);
                }
                line.append('"');
            } else {
                line.append(value);
            }
        }
        return this;
    }

    CsvOut number(long value) {
        separate();
        line.append(value);
        return this;
    }

    /** A money amount in hundredths, written with two decimals. */
    CsvOut cents(long cents) {
        separate();
        if (cents < 0) {
            line.append('-');
            cents = -cents;
        }
        line.append(cents / 100).append('.');
        long rest = cents % 100;
        line.append((char) ('0' + rest / 10)).append((char) ('0' + rest % 10));
        return this;
    }

    CsvOut time(long epochSecond, int offset) {
        separate();
        Iso.append(line, epochSecond, offset);
        return this;
    }

    CsvOut empty() {
        separate();
        return this;
    }

    void end() {
        if (fields != kind.columns().size()) {
            throw new IllegalStateException(kind.key() + ": a line of " + fields + " fields, the header has "
                    + kind.columns().size() + ": " + line);
        }
        line.append('\r').append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
        fields = 0;
        rows++;
    }

    private void separate() {
        if (fields++ > 0) {
            line.append(',');
        }
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
