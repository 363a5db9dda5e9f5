-- Quotes (IMPORT.md "quotes"): each version of a quote sent for an opportunity, with its list and
-- net totals (the discount is their difference). CPQ builds on these; import and export write them.
create table quote (
    tenant_id      text           not null references tenant (id),
    id             uuid           not null,
    external_id    text,
    opportunity_id uuid           not null,
    quote_version  integer        not null check (quote_version >= 1),
    issued_at      timestamptz    not null,
    list_total     numeric(20, 2) not null,
    net_total      numeric(20, 2) not null,
    currency       char(3)        not null,
    created_at     timestamptz    not null default now(),
    updated_at     timestamptz    not null default now(),
    version        bigint         not null default 0,
    primary key (tenant_id, id),
    foreign key (tenant_id, opportunity_id) references opportunity (tenant_id, id) on delete cascade
);
create unique index quote_external on quote (tenant_id, external_id) where external_id is not null;
create index quote_opportunity on quote (tenant_id, opportunity_id, quote_version);
create index quote_issued on quote (tenant_id, issued_at);

-- Imports sent with ?async=true: the job, its progress and its result. The file itself waits on
-- the server's disk while the job runs; a job still running when the server stopped is failed at
-- the next start (its transaction never committed: nothing of it was written).
create table import_job (
    tenant_id   text        not null references tenant (id),
    id          uuid        not null,
    kind        text        not null,
    partial     boolean     not null,
    status      text        not null check (status in ('queued', 'running', 'succeeded', 'rejected', 'failed')),
    phase       text,
    rows_total  bigint,
    rows_done   bigint      not null default 0,
    bytes_total bigint      not null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    started_at  timestamptz,
    finished_at timestamptz,
    result      jsonb,
    problem     jsonb,
    primary key (tenant_id, id)
);
create index import_job_created on import_job (tenant_id, created_at);

grant select, insert, update, delete on quote, import_job to ${appRole};
alter table quote enable row level security;
alter table import_job enable row level security;
create policy tenant_isolation on quote using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
create policy tenant_isolation on import_job using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
