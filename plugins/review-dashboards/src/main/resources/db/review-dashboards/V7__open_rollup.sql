-- review-dashboards: open opportunities per (owner, current stage) with their amount, the heatmap's
-- stage x owner table, kept in the same transaction as rd_opportunity (each refresh moves its
-- opportunity out of its old cell and into its new one while it is open). owner: the owner's id, ''
-- for none.
create table rd_open (
    tenant_id text           not null,
    owner     text           not null,
    stage     text           not null,
    n         bigint         not null,
    amount    numeric(24, 2) not null,
    primary key (tenant_id, owner, stage)
);
