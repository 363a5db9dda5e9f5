-- review-dashboards: per-lead facts for the lead figures (METRICS.md "Lead conversion rate",
-- "MQL -> SQL rate", lead -> contacted).
--   max_status: the furthest status of new(0) < contacted(1) < mql(2) < sql(3) < converted(4) the lead
--               has been seen in (its status at the backfill, then every status event: never lowered,
--               so a lead disqualified after SQL still counts as having become MQL and SQL);
--   converted_at: when it was converted (its status time then), else null.
create table rd_lead (
    tenant_id    text        not null,
    lead_id      uuid        not null,
    channel      text,
    created_at   timestamptz not null,
    status       text        not null,
    max_status   smallint    not null,
    converted_at timestamptz,
    primary key (tenant_id, lead_id)
);
create index rd_lead_created on rd_lead (tenant_id, created_at) include (channel, max_status, converted_at);
