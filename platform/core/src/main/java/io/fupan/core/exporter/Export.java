package io.fupan.core.exporter;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One export in progress: what it writes (kind, header, custom attribute keys, the tenant's zone)
 * and how far it got. Made by {@link Exporter#open}; belongs to the one request that streams it.
 *
 * <p>The file is ordered by export key: the records with an external id in that order (read through
 * the tenant's unique index on it), merged by the database with those without one, whose key is
 * their id as text and which are read in id order (the same order: lower-case hex, dashes in fixed
 * places). So a tenant filled by importing an export writes that export again byte for byte.
 */
public final class Export {

    final ExportKind kind;
    final String tenantId;
    final ZoneId zone;
    final List<String> header;
    final List<String> customKeys;
    final String filename;

    /** The last external id written. */
    String lastExternal;
    /** The next records without an external id (ids as text, in order), and the last one read into it. */
    final Deque<String> generated = new ArrayDeque<>();
    String lastGenerated;
    boolean generatedDone;
    boolean done;

    Export(ExportKind kind, String tenantId, ZoneId zone, List<String> header, List<String> customKeys, String filename) {
        this.kind = kind;
        this.tenantId = tenantId;
        this.zone = zone;
        this.header = List.copyOf(header);
        this.customKeys = List.copyOf(customKeys);
        this.filename = filename;
    }

    /** The kind, as in the path: {@code accounts}, {@code stage-history}, … */
    public String kind() {
        return kind.name();
    }

    /** The header row: IMPORT.md's columns of the kind, then one per custom attribute. */
    public List<String> header() {
        return header;
    }

    /** {@code <tenant>-<kind>-<date>.csv}, the date of today in the tenant's time zone. */
    public String filename() {
        return filename;
    }
}
