-- review-dashboards: activities linked to an opportunity, for the won-vs-lost traits (which early
-- behaviours separate won from lost deals).
create table rd_activity (
    tenant_id      text        not null,
    activity_id    uuid        not null,
    opportunity_id uuid        not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    primary key (tenant_id, activity_id)
);
create index rd_activity_opportunity on rd_activity (tenant_id, opportunity_id, occurred_at) include (type);
