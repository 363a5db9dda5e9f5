-- Lead scores as the lead list shows them (API.md: score {total, behavior, fit, predicted, grade}),
-- written by a scoring plugin through the SDK (Changes.putLeadScores), never by users: on the lead
-- row itself so that `sort=-score` and score filters are plain index work on one table.
alter table lead
    add column score_total     numeric(12, 2),
    add column score_behavior  numeric(12, 2),
    add column score_fit       numeric(12, 2),
    add column score_predicted double precision check (score_predicted between 0 and 1),
    add column score_grade     text check (score_grade in ('A', 'B', 'C', 'D')),
    add column scored_at       timestamptz;
create index lead_score on lead (tenant_id, score_total desc nulls last, id);

-- lead.status-changed: one event per entry of a lead into a status after its first (the first is
-- lead.created), from the status history, which every path that moves a lead writes.
create function lead_status_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'lead.status-changed', n.lead_id, n.changed_at,
           jsonb_build_object('fromStatus', p.status, 'toStatus', n.status)
    from inserted n
         cross join lateral (select h.status from lead_status_history h
                             where h.tenant_id = n.tenant_id and h.lead_id = n.lead_id
                               and (h.changed_at, h.id) < (n.changed_at, n.id)
                             order by h.changed_at desc, h.id desc limit 1) p
    where p.status is distinct from n.status
    order by n.changed_at, n.id;
    return null;
end
$$;
create trigger lead_status_events after insert on lead_status_history
    referencing new table as inserted for each statement execute function lead_status_events();
