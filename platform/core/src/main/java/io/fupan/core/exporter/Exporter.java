package io.fupan.core.exporter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/**
 * CSV export of every kind of IMPORT.md, in the import's format, so that importing an export into
 * an empty tenant gives the same records. {@link #open} checks the caller (tenant admins only) and
 * fixes the columns before a byte is sent; {@link #write} streams the file in chunks of
 * {@value ExportChunks#CHUNK} records, each read in a short transaction of its own, so memory and
 * transaction time stay constant whatever the tenant's size (the file is therefore not one
 * snapshot: a record changed while it streams may show either way).
 */
@ApplicationScoped
public class Exporter {

    @Inject
    ExportChunks chunks;

    /** The kinds that can be exported, in the order an import into an empty tenant takes them. */
    public static Set<String> kinds() {
        return ExportKind.KINDS.keySet();
    }

    /**
     * Starts an export of {@code kind} for the current tenant.
     *
     * @throws io.fupan.core.error.DomainException.Forbidden unless the caller is a tenant admin
     * @throws io.fupan.core.error.DomainException.NotFound for a kind that does not exist
     */
    public Export open(String kind) {
        return chunks.open(kind);
    }

    /** Writes the header and every record of the export to {@code out}. */
    public void write(Export export, OutputStream out, Charset charset) throws IOException {
        try (CsvOutput csv = new CsvOutput(out, charset)) {
            csv.record(export.header());
            for (List<List<String>> rows = chunks.next(export); rows != null; rows = chunks.next(export)) {
                for (List<String> row : rows) {
                    csv.record(row);
                }
                csv.flush();
            }
        }
    }
}
