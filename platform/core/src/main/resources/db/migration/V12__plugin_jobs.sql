-- Scheduled plugin jobs per tenant: the next time each (plugin, job) may run. A pod runs a job only
-- after moving next_run_at forward in one statement, so two pods never run the same run.
create table plugin_job (
    tenant_id   text        not null references tenant (id),
    plugin_id   text        not null,
    job_name    text        not null,
    next_run_at timestamptz not null,
    last_run_at timestamptz,
    last_error  text,
    primary key (tenant_id, plugin_id, job_name)
);

grant select, insert, update, delete on plugin_job to ${appRole};
alter table plugin_job enable row level security;
create policy tenant_isolation on plugin_job
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
