package io.fupan.core.exporter;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of the project: RFC 4180 (CRLF between records, a field quoted only when it
 * holds a comma, a quote, a line break or leading/trailing blanks, quotes doubled), in the charset
 * asked for. An absent value (null) is an empty field. What it writes, {@code CsvInput} reads back.
 */
public final class CsvOutput implements Flushable, AutoCloseable {

    private final CSVPrinter printer;

    public CsvOutput(OutputStream out, Charset charset) {
        try {
            this.printer = CSVFormat.RFC4180.print(new BufferedWriter(new OutputStreamWriter(out, charset), 64 * 1024));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One record: the header or a row, values in column order. */
    public void record(List<String> values) throws IOException {
        printer.printRecord(values);
    }

    /** Hands what is buffered to the stream (at the end of each chunk, so a download makes progress). */
    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** Flushes; the stream itself is left open (it is the container's). */
    @Override
    public void close() throws IOException {
        printer.flush();
    }
}
