package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.custom.CustomAttribute;
import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.importer.ImportResult.LineError;
import io.fupan.core.pipeline.PipelineStage;
import io.fupan.core.pipeline.Pipelines;
import io.fupan.core.query.RecordCounts;
import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * CSV import (IMPORT.md). The request reads what the import needs to know of its tenant (a
 * {@link Plan}); the import itself then runs in ONE database transaction on the bulk connection
 * (outside any global transaction, so neither bound by its timeout nor split): every line is
 * checked in Java and the good ones staged through COPY; references are checked and the records
 * written by a few set-based statements. Atomic by default (any bad line: nothing is written, every
 * bad line reported); {@code partial} keeps the good lines. Idempotent by external id.
 */
@ApplicationScoped
public class Importer {

    private static final Logger LOG = Logger.getLogger(Importer.class.getName());

    /** The kinds that can be imported, with the reader of their lines, in the order a full import takes them. */
    static final Map<String, Supplier<RowMapper>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("accounts", AccountRows::new);
        KINDS.put("contacts", ContactRows::new);
        KINDS.put("leads", LeadRows::new);
        KINDS.put("opportunities", OpportunityRows::new);
        KINDS.put("stage-history", StageHistoryRows::new);
        KINDS.put("activities", ActivityRows::new);
        KINDS.put("quotes", QuoteRows::new);
    }

    static final int MAX_ERRORS = 10_000;
    private static final int PROGRESS_EVERY = 10_000;

    /** What an import needs to know of its tenant and caller, read in the request, so that it can run in any thread. */
    public record Plan(String kind, boolean partial, String tenantId, String actor, ZoneId zone, String currency,
                       List<PipelineStage> stages, List<CustomAttribute> definitions) {}

    /** Where an import is: lines read so far, and its phase (reading, checking, writing). */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void rows(long done) {}

            @Override
            public void phase(String phase) {}
        };

        void rows(long done);

        void phase(String phase);
    }

    @Inject
    TenantContext context;
    @Inject
    TenantRegistry registry;
    @Inject
    Pipelines pipelines;
    @Inject
    CustomAttributes customAttributes;
    @Resource(lookup = "jdbc/fupanBulk")
    DataSource bulk;
    @Resource
    ManagedThreadFactory threads;

    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** The plan of an import of {@code kind} by the caller, a tenant admin. */
    @InTransaction
    public Plan plan(String kind, boolean partial) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.importAdminOnly"));
        }
        RowMapper mapper = KINDS.get(kind).get();
        RegisteredTenant tenant = registry.find(context.tenantId()).orElseThrow();
        return new Plan(kind, partial, tenant.id(), context.actor().username(), ZoneId.of(tenant.timeZone()),
                tenant.currency(), List.copyOf(pipelines.stages()),
                mapper.customEntity() == null ? List.of() : List.copyOf(customAttributes.definitions(mapper.customEntity())));
    }

    /**
     * Imports the file. Returns the counts; throws {@link ImportRejected} (nothing written) when an
     * atomic import had bad lines, {@link ImportFileException} when the file as a whole cannot be read
     * or the import could not finish (nothing written).
     */
    public ImportResult run(Plan plan, InputStream body, Charset charset, long maxBytes, Progress progress) {
        try (Connection connection = bulk.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ImportResult result = run(plan, connection, body, charset, maxBytes, progress);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                rollback(connection);
                throw e;
            } finally {
                reset(connection);
            }
        } catch (SQLException e) {
            if (lost(e)) {
                LOG.log(Level.WARNING, "import of " + plan.kind() + " for tenant " + plan.tenantId()
                        + " lost its database connection; rolled back", e);
                throw new ImportFileException(503, "import-aborted", Messages.get("import.aborted"));
            }
            throw new IllegalStateException("import of " + plan.kind() + " failed in the database", e);
        }
    }

    private ImportResult run(Plan plan, Connection connection, InputStream body, Charset charset, long maxBytes,
                             Progress progress) throws SQLException {
        RowMapper mapper = KINDS.get(plan.kind()).get();
        ImportSession session = new ImportSession(connection, plan.zone(), plan.currency(), plan.stages());
        // The import's statements join whole files with whole tables whose statistics its own inserts
        // just outdated (the application role cannot ANALYZE them): hash and merge joins only, never a
        // nested loop planned for a table believed small; and memory for the hashes and sorts. It counts the
        // records it adds itself, once per statement, instead of a trigger call per row (RecordCounts).
        session.rows("select set_config('fupan.tenant', ?, true), set_config('application_name', ?, true), "
                + "set_config('work_mem', '256MB', true), set_config('enable_nestloop', 'off', true), "
                + RecordCounts.COUNTED_BY_STATEMENT, plan.tenantId(), "fupan-import");
        List<LineError> errors = new ArrayList<>();
        long rejected = 0;
        Set<String> present;
        CustomColumns custom;
        progress.phase("reading");
        long t0 = System.nanoTime();
        long staged;
        try (CsvInput csv = new CsvInput(body, charset, maxBytes)) {
            List<String> header = csv.header();
            Map<String, Integer> columns = columns(plan.kind(), mapper, header);
            present = new LinkedHashSet<>(columns.keySet());
            present.retainAll(mapper.columns());
            custom = customColumns(plan, mapper, columns, header);
            Staging staging = new Staging(connection, mapper.staging());
            try (ReadAhead file = new ReadAhead(csv, threads)) {
                long lines = 0;
                for (CsvInput.Line line = file.next(); line != null; line = file.next()) {
                    Row row = new Row(line.number(), line.values(), columns, plan.zone());
                    Object[] values = null;
                    String customValues = null;
                    if (line.values().size() != columns.size()) {
                        row.error(null, Messages.get("import.row.fields", String.valueOf(line.values().size()), String.valueOf(columns.size())));
                    } else {
                        values = mapper.read(row, session);
                        customValues = custom.values(row);
                    }
                    if (row.valid()) {
                        staging.add(line.number(), values, customValues);
                    } else {
                        rejected++;
                        for (LineError error : row.errors()) {
                            if (errors.size() < MAX_ERRORS) {
                                errors.add(error);
                            }
                        }
                    }
                    if (++lines % PROGRESS_EVERY == 0) {
                        progress.rows(lines);
                    }
                }
                progress.rows(lines);
                staged = staging.finish();
            } catch (RuntimeException | SQLException e) {
                staging.cancel();
                throw e;
            }
        }
        progress.phase("checking");
        long t1 = System.nanoTime();
        session.update("analyze " + Staging.TABLE);
        long refused = mapper.check(session, present);
        if (refused > 0) {
            rejected += refused;
            for (Object[] error : session.rows("select line, error_column, error_message from " + Staging.TABLE
                    + " where not ok order by line limit " + MAX_ERRORS)) {
                errors.add(new LineError(((Number) error[0]).longValue(), (String) error[1], (String) error[2]));
            }
        }
        errors.sort(Comparator.comparingLong(LineError::line));
        List<LineError> reported = errors.size() > MAX_ERRORS ? List.copyOf(errors.subList(0, MAX_ERRORS)) : errors;
        if (rejected > 0 && !plan.partial()) {
            throw new ImportRejected(new ImportResult(plan.kind(), 0, 0, rejected, reported));
        }
        progress.phase("writing");
        long t2 = System.nanoTime();
        long[] counts = mapper.write(session, present, custom.any());
        custom.finish(session);
        session.update("insert into audit_event (tenant_id, id, actor, entity_type, entity_id, action, field, new_value) "
                        + "values (" + ImportSession.TENANT + ", gen_random_uuid(), ?, 'import', gen_random_uuid(), "
                        + "'create', ?, ?)", "import:" + plan.actor(), plan.kind(),
                "accepted=" + counts[0] + " updated=" + counts[1] + " rejected=" + rejected);
        LOG.info(String.format(Locale.ROOT, "import of %s for tenant %s: %d lines staged in %.1f s, checked in %.1f s, "
                + "written in %.1f s (accepted %d, updated %d, rejected %d)", plan.kind(), plan.tenantId(), staged,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9, counts[0], counts[1], rejected));
        return new ImportResult(plan.kind(), counts[0], counts[1], rejected, reported);
    }

    private static Map<String, Integer> columns(String kind, RowMapper mapper, List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw ImportFileException.invalid(Messages.get("import.headerNoName", String.valueOf(i + 1)));
            }
            if (columns.put(header.get(i).toLowerCase(Locale.ROOT), i) != null) {
                throw ImportFileException.invalid(Messages.get("import.headerTwice", header.get(i)));
            }
        }
        List<String> missing = mapper.required().stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ImportFileException.invalid(Messages.get(missing.size() > 1 ? "import.missingColumns" : "import.missingColumn",
                    String.join(", ", missing), kind, String.join(", ", mapper.columns()),
                    String.join(", ", mapper.required())));
        }
        if ("activities".equals(kind) && !columns.containsKey("lead") && !columns.containsKey("contact")
                && !columns.containsKey("opportunity")) {
            throw ImportFileException.invalid(Messages.get("import.activitySubject"));
        }
        return columns;
    }

    private static CustomColumns customColumns(Plan plan, RowMapper mapper, Map<String, Integer> columns,
                                               List<String> header) {
        List<String> unknown = columns.keySet().stream().filter(c -> !mapper.columns().contains(c)).toList();
        if (mapper.customEntity() == null) {
            if (!unknown.isEmpty()) {
                throw ImportFileException.invalid(Messages.get(unknown.size() > 1 ? "import.unknownColumns" : "import.unknownColumn",
                        String.join(", ", unknown), plan.kind(), String.join(", ", mapper.columns())));
            }
            return new CustomColumns(null, null, Map.of(), List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        unknown.forEach(c -> labels.put(c, header.get(columns.get(c))));
        return new CustomColumns(mapper.customEntity(), mapper.customEntity(), labels, plan.definitions());
    }

    /** Whether the database connection itself failed (class 08, or the backend was terminated: 57P01..57P03). */
    private static boolean lost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Gives the pooled connection back as the pool handed it out (auto-commit). */
    static void reset(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool discards it
        }
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone: so is its transaction
        }
    }
}
