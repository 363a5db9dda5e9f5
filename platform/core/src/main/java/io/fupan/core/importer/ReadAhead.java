package io.fupan.core.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * The records of a {@link CsvInput}, read on a second thread a few thousand ahead of the one that
 * checks and stages them: decoding and splitting the file is then done beside checking it, on a
 * second core, instead of before it. Memory stays bounded (at most {@value #QUEUED} batches of
 * {@value #BATCH} records wait). A failure of the reader (a broken file, one too large) is thrown by
 * {@link #next()} once the records before it have been taken, as reading in one thread would.
 */
final class ReadAhead implements AutoCloseable {

    static final int BATCH = 1024;
    static final int QUEUED = 4;

    /** What the reader hands over: records, then either the end or what stopped it. */
    private record Batch(List<CsvInput.Line> lines, RuntimeException failure) {}

    private static final Batch END = new Batch(List.of(), null);

    private final CsvInput csv;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread reader;
    private List<CsvInput.Line> current = List.of();
    private int position;
    private boolean ended;

    ReadAhead(CsvInput csv, ThreadFactory threads) {
        this.csv = csv;
        this.reader = threads.newThread(this::read);
        reader.setName("fupan-import-read");
        reader.start();
    }

    private void read() {
        try {
            List<CsvInput.Line> lines = new ArrayList<>(BATCH);
            for (CsvInput.Line line = csv.next(); line != null; line = csv.next()) {
                lines.add(line);
                if (lines.size() == BATCH) {
                    queue.put(new Batch(lines, null));
                    lines = new ArrayList<>(BATCH);
                }
            }
            if (!lines.isEmpty()) {
                queue.put(new Batch(lines, null));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // the import stopped taking records (it failed, or was cancelled)
        } catch (Throwable e) { // whatever stops the reader reaches the importer, which would else wait forever
            try {
                queue.put(new Batch(List.of(), e instanceof RuntimeException r ? r : new IllegalStateException(e)));
            } catch (InterruptedException stopped) {
                // as above
            }
        }
    }

    /** The next record, or null at the end of the file. */
    CsvInput.Line next() {
        while (position == current.size()) {
            if (ended) {
                return null;
            }
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted while reading its file", e);
            }
            if (batch.failure() != null) {
                ended = true;
                throw batch.failure();
            }
            if (batch == END) {
                ended = true;
                return null;
            }
            current = batch.lines();
            position = 0;
        }
        return current.get(position++);
    }

    /** Stops the reader (if it is still reading) and waits for it, so that the file can be closed. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
