-- Plugin storage: each plugin's own key/value documents per tenant. The plugin id is set by the
-- host, never by plugin code; row-level security keeps each tenant to its own rows.
create table plugin_storage (
    tenant_id   text        not null references tenant (id),
    plugin_id   text        not null check (plugin_id ~ '^[a-z][a-z0-9-]{1,62}$'),
    key         text        not null check (length(key) between 1 and 200),
    value       jsonb       not null,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, plugin_id, key)
);

grant select, insert, update, delete on plugin_storage to ${appRole};
alter table plugin_storage enable row level security;
create policy tenant_isolation on plugin_storage
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
