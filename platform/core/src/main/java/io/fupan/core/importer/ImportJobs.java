package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Imports sent with {@code ?async=true}: the file is stored first, then imported by a managed
 * thread while its job row shows the phase and the lines read so far, and finally the result
 * (or the problem). The job's bookkeeping commits on its own connection; the import's one
 * transaction stays invisible until it commits, so a failed job has written nothing.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());
    private static final long PROGRESS_MILLIS = 500;
    private static final String COLUMNS = "id, kind, partial, status, phase, rows_total, rows_done, bytes_total, "
            + "created_by, created_at, started_at, finished_at, result, problem";

    /** The state of one job, as the API shows it. */
    public record Job(UUID id, String kind, boolean partial, String status, String phase, Long rowsTotal, long rowsDone,
                      long bytesTotal, String createdBy, OffsetDateTime createdAt, OffsetDateTime startedAt,
                      OffsetDateTime finishedAt, Map<String, Object> result, Map<String, Object> problem) {

        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** A problem the job ended with: its status, problem type slug and detail. */
    public record Failure(int status, String slug, String detail) {}

    @Inject
    Importer importer;
    @Inject
    TenantContext context;
    @Resource(lookup = "jdbc/fupanBulk")
    DataSource bulk;
    @Resource
    ManagedExecutorService executor;

    /**
     * Starts the import of the stored {@code file} (deleted when the job ends); returns the queued job.
     * The job keeps the caller's language (zh-CN or en) and words its line report and failure in it.
     */
    public Job start(Importer.Plan plan, Path file, Charset charset, long bytes, long rows) {
        UUID id = UUID.randomUUID();
        Locale locale = Messages.locale();
        inTenant(plan.tenantId(), c -> update(c, "insert into import_job (tenant_id, id, kind, partial, status, rows_total, "
                        + "bytes_total, created_by, locale) values (" + ImportSession.TENANT + ", ?, ?, ?, 'queued', ?, ?, ?, ?)",
                id, plan.kind(), plan.partial(), rows, bytes, plan.actor(), locale.toLanguageTag()));
        try {
            executor.submit(() -> execute(plan, id, file, charset, locale));
        } catch (RuntimeException e) {
            delete(file);
            end(plan.tenantId(), id, "failed", null, new Failure(503, "import-not-started",
                    Messages.get("import.notStarted", e.getMessage())));
        }
        return find(plan.tenantId(), id).orElseThrow();
    }

    /**
     * At start-up: the jobs that were queued or running when the server stopped are failed (their
     * transaction never committed, so nothing of them was written). {@code owner}: the schema
     * owner's connections, which see every tenant. With several servers sharing one database this
     * would also fail the other servers' running jobs: jobs would then need the node that runs them.
     * Each job's problem is worded in its requester's language.
     */
    public static int failInterrupted(DataSource owner) throws SQLException {
        try (Connection connection = owner.getConnection()) {
            return update(connection, "update import_job set status = 'failed', phase = null, finished_at = now(), "
                    + "problem = cast(case when locale = 'zh-CN' then ? else ? end as jsonb) "
                    + "where status in ('queued', 'running')", interrupted(Messages.ZH_CN), interrupted(Messages.EN));
        }
    }

    /** The problem of a job the server's stop interrupted, in the requester's language. */
    private static String interrupted(Locale locale) {
        return Json.write(Map.of("status", 503, "slug", "import-interrupted",
                "detail", Messages.in(locale, "import.interrupted")));
    }

    /** A job of the caller's tenant (tenant admins only); another tenant's is 404. */
    public Job get(UUID id) {
        requireAdmin();
        return find(context.tenantId(), id).orElseThrow(() -> new DomainException.NotFound("import job", id));
    }

    /** A page of the caller's tenant's jobs, newest first. */
    public Page<Job> list(PageRequest request) {
        requireAdmin();
        return inTenant(context.tenantId(), c -> {
            List<Job> items = jobs(c, "select " + COLUMNS + " from import_job where tenant_id = " + ImportSession.TENANT
                    + " order by created_at desc, id limit ? offset ?", request.size(), (long) request.page() * request.size());
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from import_job where tenant_id = "
                    + ImportSession.TENANT); ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getLong(1);
            }
            return new Page<>(items, request.page(), request.size(), total);
        });
    }

    private void requireAdmin() {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.importsAdminOnly"));
        }
    }

    private Optional<Job> find(String tenantId, UUID id) {
        return inTenant(tenantId, c -> jobs(c, "select " + COLUMNS + " from import_job where tenant_id = "
                + ImportSession.TENANT + " and id = ?", id)).stream().findFirst();
    }

    private void execute(Importer.Plan plan, UUID id, Path file, Charset charset, Locale locale) {
        Locale before = Messages.use(locale);
        try {
            execute(plan, id, file, charset);
        } finally {
            Messages.use(before);
        }
    }

    private void execute(Importer.Plan plan, UUID id, Path file, Charset charset) {
        String tenant = plan.tenantId();
        inTenant(tenant, c -> update(c, "update import_job set status = 'running', started_at = now() where tenant_id = "
                + ImportSession.TENANT + " and id = ?", id));
        Importer.Progress progress = new Importer.Progress() {
            private long last;

            @Override
            public void rows(long done) {
                long now = System.currentTimeMillis();
                if (now - last >= PROGRESS_MILLIS) {
                    last = now;
                    inTenant(tenant, c -> update(c, "update import_job set rows_done = ? where tenant_id = "
                            + ImportSession.TENANT + " and id = ?", done, id));
                }
            }

            @Override
            public void phase(String phase) {
                inTenant(tenant, c -> update(c, "update import_job set phase = ? where tenant_id = "
                        + ImportSession.TENANT + " and id = ?", phase, id));
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            ImportResult result = importer.run(plan, in, charset, ImportFileException.MAX_ASYNC_BYTES, progress);
            end(tenant, id, "succeeded", result, null);
        } catch (ImportRejected rejected) {
            end(tenant, id, "rejected", rejected.result(), null);
        } catch (ImportFileException e) {
            end(tenant, id, "failed", null, new Failure(e.status(), e.slug(), e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "import job " + id + " of tenant " + tenant + " failed", e);
            end(tenant, id, "failed", null, new Failure(500, "import-failed", Messages.get("import.failed")));
        } finally {
            delete(file);
        }
    }

    private void end(String tenant, UUID id, String status, ImportResult result, Failure failure) {
        inTenant(tenant, c -> update(c, "update import_job set status = ?, phase = null, finished_at = now(), "
                        + "rows_done = coalesce(rows_total, rows_done), result = cast(? as jsonb), "
                        + "problem = cast(? as jsonb) where tenant_id = " + ImportSession.TENANT + " and id = ?", status,
                result == null ? null : Json.write(map(result)), failure == null ? null : Json.write(Map.of(
                        "status", failure.status(), "slug", failure.slug(), "detail", failure.detail())), id));
    }

    static Map<String, Object> map(ImportResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", result.kind());
        map.put("accepted", result.accepted());
        map.put("updated", result.updated());
        map.put("rejected", result.rejected());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ImportResult.LineError error : result.errors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("line", error.line());
            e.put("column", error.column());
            e.put("message", error.message());
            errors.add(e);
        }
        map.put("errors", errors);
        return map;
    }

    private static List<Job> jobs(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rows = statement.executeQuery()) {
            List<Job> jobs = new ArrayList<>();
            while (rows.next()) {
                jobs.add(new Job(rows.getObject("id", UUID.class), rows.getString("kind"), rows.getBoolean("partial"),
                        rows.getString("status"), rows.getString("phase"), rows.getObject("rows_total", Long.class),
                        rows.getLong("rows_done"), rows.getLong("bytes_total"), rows.getString("created_by"),
                        rows.getObject("created_at", OffsetDateTime.class), rows.getObject("started_at", OffsetDateTime.class),
                        rows.getObject("finished_at", OffsetDateTime.class), json(rows.getString("result")),
                        json(rows.getString("problem"))));
            }
            return jobs;
        }
    }

    private static Map<String, Object> json(String text) {
        return text == null ? null : Json.read(text);
    }

    private static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in its own committed transaction, as {@code tenant} (row-level security). */
    private <T> T inTenant(String tenant, Work<T> work) {
        try (Connection connection = bulk.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement set = connection.prepareStatement("select set_config('fupan.tenant', ?, true)")) {
                    set.setString(1, tenant);
                    set.execute();
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Importer.rollback(connection);
                throw e;
            } finally {
                Importer.reset(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("import job bookkeeping failed", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the import file " + file, e);
        }
    }
}
