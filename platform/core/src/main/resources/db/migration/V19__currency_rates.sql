-- The tenant's currency conversion table (METRICS.md: totals across currencies use it and say so):
-- what one unit of `currency` is worth in the tenant's own currency. Tenant admins replace it.
create table currency_rate (
    tenant_id   text           not null references tenant (id),
    currency    text           not null check (currency ~ '^[A-Z]{3}$'),
    rate        numeric(24, 10) not null check (rate > 0),
    updated_at  timestamptz    not null default now(),
    primary key (tenant_id, currency)
);

grant select, insert, update, delete on currency_rate to ${appRole};
alter table currency_rate enable row level security;
create policy tenant_isolation on currency_rate
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));
