-- review-dashboards: rd_day summed per calendar month (in the tenant's time zone; month = its first
-- day): a whole-day funnel reads the months wholly inside its window from here and only the days at
-- its two edges from rd_day (a year by owner: ~5 thousand rows instead of ~70 thousand). Kept in the
-- same transaction as rd_day, cell by cell.
create table rd_month (
    tenant_id text     not null,
    dim       text     not null,
    value     text     not null,
    month     date     not null,
    max_pos   smallint not null,
    outcome   smallint not null,
    n         bigint   not null,
    primary key (tenant_id, dim, value, month, max_pos, outcome)
);
create index rd_month_by_month on rd_month (tenant_id, dim, month) include (value, max_pos, outcome, n);
-- The won rows by owner in cycle order: the per-owner median reads them presorted (no sort of every
-- won row; created_at and win_days carried for the cohort's window and the win cycle).
create index rd_opportunity_won_owner on rd_opportunity (tenant_id, owner_id, cycle_days)
    include (created_at, win_days) where outcome = 1;
