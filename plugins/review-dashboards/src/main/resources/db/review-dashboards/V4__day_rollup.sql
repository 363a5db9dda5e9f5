-- review-dashboards: opportunities counted per day of creation (in the tenant's time zone), furthest
-- position and outcome, in total (dim '') and per value of one dimension (owner id, industry, region,
-- channel): a funnel over whole days without other filters reads these few rows instead of every
-- opportunity. Kept in the same transaction as rd_opportunity (each refresh moves its opportunity
-- from its old cells to its new ones). A missing value (no channel, no owner) is stored as ''.
create table rd_day (
    tenant_id text     not null,
    dim       text     not null,
    value     text     not null,
    day       date     not null,
    max_pos   smallint not null,
    outcome   smallint not null,
    n         bigint   not null,
    primary key (tenant_id, dim, value, day, max_pos, outcome)
);
create index rd_day_by_day on rd_day (tenant_id, dim, day) include (value, max_pos, outcome, n);
