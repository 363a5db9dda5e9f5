package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV reader of the project: RFC 4180 records streamed from a request body, with the
 * limits that keep a hostile or broken file from exhausting memory (bytes, characters per record,
 * columns) and the file's line numbers for error messages.
 */
final class CsvInput implements AutoCloseable {

    static final int MAX_RECORD_CHARS = 1024 * 1024;
    static final int MAX_COLUMNS = 1000;

    /** One record: the file line it starts on, and its values. */
    record Line(long number, List<String> values) {}

    private final Guard guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String charset;
    private long lastLine;

    CsvInput(InputStream body, Charset charset, long maxBytes) {
        this.charset = charset.name();
        Reader reader = new InputStreamReader(new ByteLimit(body, maxBytes),
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.guard = new Guard(reader);
        try {
            this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(guard);
        } catch (IOException e) {
            throw broken(e);
        }
        this.records = parser.iterator();
    }

    /** The header: names trimmed, a UTF-8 byte order mark dropped (matching lower-cases them). */
    List<String> header() {
        Line first = next();
        if (first == null) {
            throw ImportFileException.invalid(Messages.get("import.empty"));
        }
        if (first.values().size() > MAX_COLUMNS) {
            throw ImportFileException.invalid(Messages.get("import.tooManyColumns",
                    String.valueOf(first.values().size()), String.valueOf(MAX_COLUMNS)));
        }
        List<String> names = new ArrayList<>();
        for (String value : first.values()) {
            String name = value.strip();
            if (names.isEmpty() && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            names.add(name);
        }
        return names;
    }

    /** The next record that is not an empty line, or null at the end of the file. */
    Line next() {
        while (true) {
            guard.restart();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (RecordTooLong e) {
                throw ImportFileException.invalid(Messages.get("import.recordTooLong",
                        String.valueOf(lastLine + 1), String.valueOf(MAX_RECORD_CHARS >> 20)));
            } catch (UncheckedIOException | IllegalStateException e) {
                throw broken(e.getCause() == null ? e : e.getCause());
            }
            long number = lastLine + 1;
            lastLine = parser.getCurrentLineNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            return new Line(number, record.toList());
        }
    }

    private ImportFileException broken(Throwable e) {
        if (e instanceof ImportFileException file) {
            return file;
        }
        if (e instanceof CharacterCodingException) {
            return new ImportFileException(422, "import-encoding", Messages.get("import.encoding",
                    String.valueOf(lastLine + 1), String.valueOf(charset)));
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return ImportFileException.invalid(Messages.get("import.unclosedQuote",
                    String.valueOf(lastLine + 1)));
        }
        return ImportFileException.invalid(Messages.get("import.notCsv",
                String.valueOf(lastLine + 1), message));
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // the request body: nothing to keep
        }
    }

    /** Thrown by the guard while one record grows past the limit. */
    private static final class RecordTooLong extends RuntimeException {
        RecordTooLong() {
            super(null, null, false, false);
        }
    }

    /** Counts the characters read since the last record began. */
    private static final class Guard extends Reader {
        private final Reader in;
        private long read;

        Guard(Reader in) {
            this.in = in;
        }

        void restart() {
            read = 0;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n > 0 && (read += n) > MAX_RECORD_CHARS + 64 * 1024) {
                throw new RecordTooLong();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Refuses bodies over the limit while they stream in (413). */
    private static final class ByteLimit extends FilterInputStream {
        private final long max;
        private long left;

        ByteLimit(InputStream in, long max) {
            super(in);
            this.max = max;
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw tooLarge();
            }
            return n;
        }

        private ImportFileException tooLarge() {
            return ImportFileException.tooLarge(max);
        }
    }
}
