-- The lead-scoring plugin's own tables. The host runs this in the plugin's schema; tenant_id is
-- first in every key and index, filled by the host, and row-level security keeps each tenant to its rows.

-- Points a behaviour rule gave a lead for one activity (the lead's behaviour history).
create table behavior_award (
    tenant_id     text not null,
    lead_id       uuid not null,
    activity_id   uuid not null,
    rule_id       text not null,
    activity_type text not null,
    occurred_at   timestamptz not null,
    points        numeric(10, 2) not null,
    primary key (tenant_id, lead_id, activity_id, rule_id)
);

-- Each lead's current score and its parts, as last written to the core.
create table lead_score (
    tenant_id   text not null,
    lead_id     uuid not null,
    owner_id    uuid,
    status      text not null,
    behavior    numeric(12, 2) not null,
    fit         numeric(12, 2) not null,
    fit_matched text not null,
    predicted   double precision,
    total       numeric(12, 2) not null,
    grade       text not null,
    scored_at   timestamptz not null,
    primary key (tenant_id, lead_id)
);
create index lead_score_owner_total on lead_score (tenant_id, owner_id, total desc);

-- Trained models, every version kept (roll back = activate an older one).
create table model_version (
    tenant_id   text not null,
    version     integer not null,
    algorithm   text not null,
    trained_at  timestamptz not null,
    trained_on  integer not null,
    positives   integer not null,
    auc         double precision not null,
    lift_top20  double precision not null,
    candidates  text not null,
    active      boolean not null default false,
    model       bytea not null,
    primary key (tenant_id, version)
);

-- Background work (training, re-scoring) with its progress and outcome.
create table scoring_job (
    tenant_id   text not null,
    id          uuid not null,
    kind        text not null,
    status      text not null,
    progress    double precision not null,
    step        text,
    started_at  timestamptz not null,
    finished_at timestamptz,
    result      text,
    error       text,
    primary key (tenant_id, id)
);
