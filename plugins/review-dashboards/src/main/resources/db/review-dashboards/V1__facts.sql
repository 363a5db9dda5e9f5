-- review-dashboards: per-opportunity facts, kept from core records (backfill) and events (live).
-- Every table leads with tenant_id (the host fills it and row-level security keeps each tenant to
-- its rows); every key and index leads with it too.

-- One row per opportunity: what the funnel, win rate and cycle figures aggregate.
--   max_pos: 1-based position in the pipeline's order (open stages, then won) of the furthest stage
--            the opportunity's history (or its current stage) contains; 0 when none (METRICS "Reached").
--   outcome: 0 open, 1 won, 2 lost (the kind of its current stage).
--   cycle_days: (closed_at - created_at) in fractional days, for won opportunities only.
create table rd_opportunity (
    tenant_id        text        not null,
    opportunity_id   uuid        not null,
    owner_id         uuid,
    account_id       uuid,
    industry         text,
    region           text,
    channel          text,
    created_at       timestamptz not null,
    closed_at        timestamptz,
    outcome          smallint    not null,
    max_pos          smallint    not null,
    stage            text        not null,
    stage_entered_at timestamptz not null,
    amount           numeric(20, 2),
    currency         text,
    cycle_days       double precision,
    primary key (tenant_id, opportunity_id)
);
-- Cohort scans (created_at range) read only this index (index-only scans): every column a funnel
-- aggregates or filters on is carried in it.
create index rd_opportunity_cohort on rd_opportunity (tenant_id, created_at)
    include (max_pos, outcome, owner_id, industry, region, channel);
-- The won rows alone, for the cycle's mean and median (a tenth to a third of the rows).
create index rd_opportunity_won on rd_opportunity (tenant_id, created_at)
    include (cycle_days, owner_id, industry, region, channel) where outcome = 1;
-- The open rows alone, for the stage x owner heatmap and stage aging.
create index rd_opportunity_open on rd_opportunity (tenant_id, owner_id, stage)
    include (amount, stage_entered_at) where outcome = 0;

-- Every entry of an opportunity into a stage, oldest first (seq 1..n), with the time it left it
-- (the next entry's time; null while it is still there), the Monday of its week in the tenant's time
-- zone, and the stage's position in the order (0 for lost).
create table rd_stage_entry (
    tenant_id      text        not null,
    opportunity_id uuid        not null,
    seq            int         not null,
    stage          text        not null,
    entered_at     timestamptz not null,
    left_at        timestamptz,
    week           date        not null,
    pos            smallint    not null,
    primary key (tenant_id, opportunity_id, seq)
);
create index rd_stage_entry_entered on rd_stage_entry (tenant_id, entered_at) include (stage);

-- Entries per (ISO week starting Monday, in the tenant's zone; stage): the stage x week heatmap,
-- kept incrementally beside rd_stage_entry so that it reads weeks x stages rows, not every entry.
create table rd_entry_week (
    tenant_id text   not null,
    week      date   not null,
    stage     text   not null,
    entries   bigint not null,
    amount    numeric(24, 2) not null,
    primary key (tenant_id, week, stage)
);
