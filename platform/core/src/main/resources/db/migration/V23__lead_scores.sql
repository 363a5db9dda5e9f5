-- Lead scores in a narrow table of their own. A re-score writes every lead's score: on the lead row
-- that was a new version of a wide row and an entry in each of its ten indexes per lead (55 s for a
-- million leads, doubling the table). Here a score is a short row updated in place on its page
-- (PostgreSQL's heap-only update: no changing column is indexed, and half of each page is left free
-- for the new versions): 2–3 s for a million. Sorting by score reads this table rather than an index.
create table lead_scores (
    tenant_id text   not null,
    lead_id   uuid   not null,
    total     numeric(12, 2) not null,
    behavior  numeric(12, 2),
    fit       numeric(12, 2),
    predicted double precision check (predicted >= 0 and predicted <= 1),
    grade     text check (grade in ('A', 'B', 'C', 'D')),
    scored_at timestamptz not null default now(),
    primary key (tenant_id, lead_id),
    foreign key (tenant_id, lead_id) references lead (tenant_id, id) on delete cascade
) with (fillfactor = 50);

grant select, insert, update, delete on lead_scores to ${appRole};
alter table lead_scores enable row level security;
create policy tenant_isolation on lead_scores
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));

insert into lead_scores (tenant_id, lead_id, total, behavior, fit, predicted, grade, scored_at)
select tenant_id, id, score_total, score_behavior, score_fit, score_predicted, score_grade, coalesce(scored_at, now())
from lead where score_total is not null;

drop index lead_score;
alter table lead drop column score_total, drop column score_behavior, drop column score_fit,
    drop column score_predicted, drop column score_grade, drop column scored_at;
