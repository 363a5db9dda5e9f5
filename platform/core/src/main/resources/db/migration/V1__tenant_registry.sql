-- The tenant registry. `tenant` is the platform's own table (its key IS the tenant id);
-- every tenant-owned table, starting with tenant_plugin, leads its primary key, foreign keys
-- and indexes with tenant_id so the schema can be distributed by tenant (Citus) later.

create table tenant (
    id          text        primary key check (id ~ '^[a-z][a-z0-9-]{1,62}$'),
    name        text        not null check (length(name) between 1 and 200),
    plan        text        not null,
    status      text        not null check (status in ('active', 'suspended')),
    time_zone   text        not null,
    currency    char(3)     not null,
    locale      text        not null,
    -- 'config' for tenants defined by tenant-config/tenants/*.yaml, 'api' for those created by operators
    source      text        not null check (source in ('config', 'api')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0
);

create table tenant_plugin (
    tenant_id   text        not null references tenant (id),
    plugin_id   text        not null,
    enabled     boolean     not null,
    version     text,
    config      jsonb       not null default '{}'::jsonb,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, plugin_id)
);
