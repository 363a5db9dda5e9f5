package io.fupan.core.importer;

import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.importer.ImportResult.LineError;
import io.fupan.core.pipeline.Pipelines;
import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * CSV import (IMPORT.md), synchronous: the body is streamed line by line in ONE transaction. Atomic
 * by default (any bad line: nothing is written, every bad line reported); {@code partial} keeps the
 * good lines. Idempotent by external id. Tenant admins only.
 */
@ApplicationScoped
@InTransaction
public class Importer {

    /** The kinds that can be imported, with the reader of their lines. */
    static final Map<String, Supplier<RowMapper>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("accounts", AccountRows::new);
        KINDS.put("contacts", ContactRows::new);
        KINDS.put("leads", LeadRows::new);
        KINDS.put("opportunities", OpportunityRows::new);
        KINDS.put("stage-history", StageHistoryRows::new);
        KINDS.put("activities", ActivityRows::new);
    }

    static final int BATCH = 1_000;
    static final int MAX_ERRORS = 10_000;
    static final int MAX_WAITING = 100_000;

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    TenantRegistry registry;
    @Inject
    Pipelines pipelines;
    @Inject
    CustomAttributes customAttributes;
    @Resource
    TransactionSynchronizationRegistry transaction;

    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    public ImportResult run(String kind, InputStream body, Charset charset, boolean partial) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden("Only a tenant admin may import.");
        }
        RowMapper mapper = KINDS.get(kind).get();
        RegisteredTenant tenant = registry.find(context.tenantId()).orElseThrow();
        ImportSession session = new ImportSession(data.em(), tenant.id(), ZoneId.of(tenant.timeZone()), tenant.currency(),
                pipelines.stages());
        Tally tally = new Tally();
        try (CsvInput csv = new CsvInput(body, charset)) {
            List<String> header = csv.header();
            Map<String, Integer> columns = columns(kind, mapper, header);
            CustomColumns custom = customColumns(kind, mapper, columns, header);
            List<Row> waiting = new ArrayList<>();
            long lines = 0;
            for (CsvInput.Line line = csv.next(); line != null; line = csv.next()) {
                Row row = new Row(line.number(), line.values(), columns, session.zone);
                if (line.values().size() != columns.size()) {
                    row.error(null, "has " + line.values().size() + " fields; the header has " + columns.size());
                    tally.count(row, ImportSession.Outcome.UNCHANGED);
                } else if (!write(mapper, session, custom, row, false, tally)) {
                    waiting.add(row);
                    if (waiting.size() > MAX_WAITING) {
                        throw ImportFileException.invalid("More than " + MAX_WAITING + " lines name records further down "
                                + "the file; put parents before their subsidiaries.");
                    }
                }
                if (++lines % BATCH == 0) {
                    tally.accepted += mapper.batch(session);
                    session.em.clear();
                }
            }
            retry(mapper, session, custom, waiting, tally);
            tally.accepted += mapper.batch(session);
            custom.finish(session);
        }
        tally.errors.sort(Comparator.comparingLong(LineError::line));
        if (tally.rejected > 0 && !partial) {
            throw new ImportRejected(new ImportResult(kind, 0, 0, tally.rejected, tally.errors));
        }
        if (transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new ImportFileException(503, "import-aborted", "The import took longer than its transaction may last "
                    + "and was rolled back: nothing was written. Send the file in smaller parts.");
        }
        audit(session, kind, tally);
        return new ImportResult(kind, tally.accepted, tally.updated, tally.rejected, tally.errors);
    }

    /** Lines that named a record further down: tried again while any of them succeeds, then once for good. */
    private void retry(RowMapper mapper, ImportSession session, CustomColumns custom, List<Row> waiting, Tally tally) {
        boolean progress = true;
        while (!waiting.isEmpty() && progress) {
            List<Row> again = new ArrayList<>();
            for (Row row : waiting) {
                if (!write(mapper, session, custom, fresh(row), false, tally)) {
                    again.add(row);
                }
            }
            progress = again.size() < waiting.size();
            waiting = again;
        }
        for (Row row : waiting) {
            write(mapper, session, custom, fresh(row), true, tally);
        }
    }

    private static Row fresh(Row row) {
        return row.again();
    }

    /** Writes one line; false when it waits for a record further down. */
    private static boolean write(RowMapper mapper, ImportSession session, CustomColumns custom, Row row, boolean last,
                                 Tally tally) {
        String values = custom.values(row);
        ImportSession.Outcome outcome = row.valid() ? mapper.write(row, session, values, last) : ImportSession.Outcome.UNCHANGED;
        if (outcome == null) {
            return false;
        }
        tally.count(row, outcome);
        return true;
    }

    private static Map<String, Integer> columns(String kind, RowMapper mapper, List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw ImportFileException.invalid("Column " + (i + 1) + " of the header has no name.");
            }
            if (columns.put(header.get(i).toLowerCase(Locale.ROOT), i) != null) {
                throw ImportFileException.invalid("The header names the column '" + header.get(i) + "' twice.");
            }
        }
        List<String> missing = mapper.required().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ImportFileException.invalid("The file lacks the required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (columns of " + kind + ": " + String.join(", ", mapper.columns())
                    + "; required: " + String.join(", ", mapper.required()) + ").");
        }
        if ("activities".equals(kind) && !columns.containsKey("lead") && !columns.containsKey("contact")
                && !columns.containsKey("opportunity")) {
            throw ImportFileException.invalid("The file lacks a column lead, contact or opportunity: each activity names one.");
        }
        return columns;
    }

    private CustomColumns customColumns(String kind, RowMapper mapper, Map<String, Integer> columns,
                                        List<String> header) {
        List<String> unknown = columns.keySet().stream().filter(c -> !mapper.columns().contains(c)).toList();
        if (mapper.customEntity() == null) {
            if (!unknown.isEmpty()) {
                throw ImportFileException.invalid("Unknown column" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " (columns of " + kind + ": " + String.join(", ", mapper.columns())
                        + "; only accounts, leads and opportunities keep other columns as custom attributes).");
            }
            return new CustomColumns(null, null, Map.of(), List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        unknown.forEach(c -> labels.put(c, header.get(columns.get(c))));
        return new CustomColumns(mapper.customEntity(), mapper.table(), labels,
                unknown.isEmpty() ? List.of() : customAttributes.definitions(mapper.customEntity()));
    }

    /** One audit event for the whole import (not one per record): what was imported, and the counts. */
    private void audit(ImportSession session, String kind, Tally tally) {
        session.sql("insert into audit_event (tenant_id, id, actor, entity_type, entity_id, action, field, new_value) "
                        + "values (?1, cast(?2 as uuid), ?3, 'import', cast(?4 as uuid), 'create', ?5, ?6)",
                session.tenantId, UUID.randomUUID().toString(), "import:" + context.actor().username(),
                UUID.randomUUID().toString(), kind, "accepted=" + tally.accepted + " updated=" + tally.updated
                        + " rejected=" + tally.rejected).executeUpdate();
    }

    private static final class Tally {
        long accepted;
        long updated;
        long rejected;
        final List<LineError> errors = new ArrayList<>();

        void count(Row row, ImportSession.Outcome outcome) {
            if (!row.valid()) {
                rejected++;
                for (LineError error : row.errors()) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(error);
                    }
                }
            } else if (outcome == ImportSession.Outcome.ACCEPTED) {
                accepted++;
            } else if (outcome == ImportSession.Outcome.UPDATED) {
                updated++;
            }
        }
    }
}
