-- review-dashboards: rd_day summed per calendar month (in the tenant's time zone; month = its first
-- day): a whole-day funnel reads the months wholly inside its window from here and only the days at
-- its two edges from rd_day (a year by owner: ~5 thousand rows instead of ~70 thousand). Kept in the
-- same transaction as rd_day, cell by cell.
--   cycle_sum (here and in rd_day): the sum of the cell's sales cycles (cycle_days of its won rows),
--   so that the mean cycle of such a funnel needs no row of rd_opportunity either.
alter table rd_day add column cycle_sum double precision not null default 0;
create table rd_month (
    tenant_id text     not null,
    dim       text     not null,
    value     text     not null,
    month     date     not null,
    max_pos   smallint not null,
    outcome   smallint not null,
    n         bigint   not null,
    cycle_sum double precision not null default 0,
    primary key (tenant_id, dim, value, month, max_pos, outcome)
);
create index rd_month_by_month on rd_month (tenant_id, dim, month) include (value, max_pos, outcome, n);
-- The won rows in cycle order, in total and by owner: the median of a cohort without filters other
-- than its window reads the middle one or two rows at their rank (count known from rd_day / rd_month),
-- and the per-owner median otherwise reads them presorted (created_at and win_days carried for the
-- cohort's window and the win cycle).
create index rd_opportunity_won_cycle on rd_opportunity (tenant_id, cycle_days) include (created_at) where outcome = 1;
create index rd_opportunity_won_owner on rd_opportunity (tenant_id, owner_id, cycle_days)
    include (created_at, win_days) where outcome = 1;
