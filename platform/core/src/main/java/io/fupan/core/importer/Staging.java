package io.fupan.core.importer;

import io.fupan.core.record.TimeOrderedIds;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The lines of one import on their way in: a temporary table {@code import_rows} (dropped at
 * commit) filled through PostgreSQL's COPY, in text format, a megabyte at a time, so that memory
 * stays constant whatever the size of the file. Each row carries its file line, whether it is
 * still good ({@code ok}), the error that made it bad ({@code error_column}, {@code error_message}),
 * whether it is the last line of its record ({@code latest}; an earlier line of the same external id
 * is superseded), the id a new record gets ({@link TimeOrderedIds}: increasing, so that new rows
 * append to the indexes), the kind's columns, and the line's custom attributes as JSON.
 */
final class Staging {

    /** A column of the staging table: its name and SQL type. */
    record Column(String name, String type) {
        static Column text(String name) {
            return new Column(name, "text");
        }
    }

    static final String TABLE = "import_rows";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    private static final int FLUSH = 1 << 20;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH + 64 * 1024);
    private final StringBuilder line = new StringBuilder(512);
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final int width;
    private long rows;

    Staging(Connection connection, List<Column> columns) throws SQLException {
        StringBuilder create = new StringBuilder("create temporary table " + TABLE
                + " (line bigint not null, ok boolean not null default true, latest boolean not null default true, "
                + "error_column text, error_message text, id uuid not null");
        StringBuilder names = new StringBuilder("line, id");
        for (Column column : columns) {
            create.append(", ").append(column.name()).append(' ').append(column.type());
            names.append(", ").append(column.name());
        }
        create.append(", custom jsonb) on commit drop");
        names.append(", custom");
        try (Statement statement = connection.createStatement()) {
            statement.execute(create.toString());
        }
        this.width = columns.size();
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + TABLE + " (" + names + ") from stdin");
    }

    /** Adds one good line: its values in the order of the columns, and its custom attributes (JSON or null). */
    void add(long number, Object[] values, String custom) throws SQLException {
        if (values.length != width) {
            throw new IllegalArgumentException(values.length + " values for " + width + " columns");
        }
        line.setLength(0);
        line.append(number).append('\t').append(ids.next());
        for (Object value : values) {
            line.append('\t');
            append(value);
        }
        line.append('\t');
        append(custom);
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
        rows++;
        if (buffer.size() >= FLUSH) {
            flush();
        }
    }

    /** Ends the COPY; returns the rows staged. */
    long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }

    /** Abandons the COPY (the transaction is rolled back by the caller). */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection is going away with its transaction
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    /**
     * A time as TIME formats it, written directly for UTC times of four-digit years (what the rows'
     * readers give): the formatter was a tenth of the time spent staging.
     */
    static void appendTime(StringBuilder line, OffsetDateTime time) {
        int year = time.getYear();
        if (year < 1000 || year > 9999 || time.getOffset().getTotalSeconds() != 0) {
            line.append(TIME.format(time));
            return;
        }
        line.append(year).append('-');
        two(line, time.getMonthValue()).append('-');
        two(line, time.getDayOfMonth()).append('T');
        two(line, time.getHour()).append(':');
        two(line, time.getMinute()).append(':');
        two(line, time.getSecond()).append('.');
        int micros = time.getNano() / 1000;
        for (int div = 100_000; div > 0; div /= 10) {
            line.append((char) ('0' + micros / div % 10));
        }
        line.append('Z');
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
    private void append(Object value) {
        if (value == null) {
            line.append("\\N");
        } else if (value instanceof OffsetDateTime time) {
            appendTime(line, time);
        } else if (value instanceof BigDecimal number) {
            line.append(number.toPlainString());
        } else if (value instanceof Boolean flag) {
            line.append(flag ? 't' : 'f');
        } else {
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\': line.append("\\\\"); break;
                    case '\t': line.append("\\t"); break;
                    case '\n': line.append("\\n"); break;
                    case '\r': line.append("\\r"); break;
                    default: line.append(c);
                }
            }
        }
    }
}
