-- Opportunity signals: what health indicators and risk data providers (plugins) judge of a deal —
-- level, an optional score and the reason — one row per opportunity, plugin and kind, written by the
-- host for the plugin (Changes.putOpportunitySignals), read by other plugins and the opportunity's detail.
create table opportunity_signal (
    tenant_id       text        not null,
    opportunity_id  uuid        not null,
    plugin_id       text        not null check (plugin_id ~ '^[a-z][a-z0-9-]{1,62}$'),
    kind            text        not null check (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
    level           text        not null check (level in ('healthy', 'watch', 'at-risk')),
    score           numeric(12, 2),
    reason          text        not null check (length(reason) between 1 and 500),
    reason_zh       text        check (length(reason_zh) between 1 and 500),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, opportunity_id, plugin_id, kind),
    foreign key (tenant_id, opportunity_id) references opportunity (tenant_id, id) on delete cascade
);
create index opportunity_signal_level on opportunity_signal (tenant_id, level, opportunity_id);

grant select, insert, update, delete on opportunity_signal to ${appRole};
alter table opportunity_signal enable row level security;
create policy tenant_isolation on opportunity_signal
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
