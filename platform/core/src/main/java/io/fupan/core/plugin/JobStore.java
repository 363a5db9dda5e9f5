package io.fupan.core.plugin;

import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Claims of plugin job runs (V12__plugin_jobs.sql), one transaction each, under the tenant's row-level security. */
@ApplicationScoped
@InTransaction
public class JobStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @Inject
    TenantData data;

    /**
     * Claims the run of a job that is due (or has never run): moves its next run {@code every} ahead.
     * Whether this caller won the run.
     */
    public boolean claim(String tenantId, String pluginId, String job, Duration every) {
        double seconds = every.toMillis() / 1000.0;
        return !data.em(tenantId).createNativeQuery("insert into plugin_job (tenant_id, plugin_id, job_name, next_run_at,"
                        + " last_run_at) values (?1, ?2, ?3, now() + make_interval(secs => ?4), now())"
                        + " on conflict (tenant_id, plugin_id, job_name) do update"
                        + " set next_run_at = now() + make_interval(secs => ?4), last_run_at = now()"
                        + " where plugin_job.next_run_at <= now() returning job_name")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, pluginId).setParameter(3, job)
                .setParameter(4, seconds).getResultList().isEmpty();
    }

    /** Notes how the last run ended (null: it succeeded). */
    public void ended(String tenantId, String pluginId, String job, String error) {
        data.em(tenantId).createNativeQuery("update plugin_job set last_error = ?4"
                        + " where tenant_id = ?1 and plugin_id = ?2 and job_name = ?3")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, pluginId).setParameter(3, job)
                .setParameter(4, error).executeUpdate();
    }
}
