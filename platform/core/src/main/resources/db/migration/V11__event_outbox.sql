-- Domain events for plugins (DESIGN.md "Events"): written to the outbox in the same transaction as
-- the change — by triggers, so that every path that changes a record (services, the bulk importer,
-- SQL) writes its event — and delivered after commit to the listeners of the plugins the tenant enabled, one
-- delivery row per (event, plugin): at least once, in order per record, with retries; deliveries
-- that exhaust their attempts are 'dead' until an admin replays them.

create table event_outbox (
    tenant_id   text        not null references tenant (id),
    seq         bigint      generated always as identity,
    event_id    uuid        not null default gen_random_uuid(),
    type        text        not null,
    record_id   uuid        not null,
    occurred_at timestamptz not null,
    payload     jsonb       not null,
    fanned_out  boolean     not null default false,
    created_at  timestamptz not null default clock_timestamp(),
    primary key (tenant_id, seq)
);
create index event_outbox_pending on event_outbox (tenant_id, seq) where not fanned_out;

create table event_delivery (
    tenant_id       text        not null,
    seq             bigint      not null,
    plugin_id       text        not null,
    record_id       uuid        not null,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    delivered_at    timestamptz,
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, seq, plugin_id),
    foreign key (tenant_id, seq) references event_outbox (tenant_id, seq) on delete cascade
);
create index event_delivery_due on event_delivery (tenant_id, next_attempt_at) where status = 'pending';
create index event_delivery_order on event_delivery (tenant_id, plugin_id, record_id, seq) where status = 'pending';
create index event_delivery_dead on event_delivery (tenant_id, updated_at) where status = 'dead';

grant select, insert, update, delete on event_outbox, event_delivery to ${appRole};
do $$
declare
    t text;
begin
    foreach t in array array['event_outbox', 'event_delivery']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = current_setting(''fupan.tenant'', true))'
                       ' with check (tenant_id = current_setting(''fupan.tenant'', true))', t);
    end loop;
end
$$;

-- The one cross-tenant question the dispatcher asks: which tenants have work. Runs as the owner
-- (security definer), answers tenant ids only; all event rows are then read per tenant under RLS.
create function event_tenants_due() returns setof text
    language sql stable security definer set search_path = public as $$
    select tenant_id from event_outbox where not fanned_out
    union
    select tenant_id from event_delivery where status = 'pending' and next_attempt_at <= now()
$$;
revoke all on function event_tenants_due() from public;
grant execute on function event_tenants_due() to ${appRole};

-- Statement-level triggers with transition tables: one set-based insert per statement, so a bulk
-- import of 100,000 rows writes its events in a few statements, not 100,000 trigger calls.
create function opportunity_inserted_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'opportunity.stage-changed', n.id, n.stage_entered_at,
           jsonb_build_object('fromStage', null, 'toStage', n.stage, 'movedById', null)
    from inserted n order by n.stage_entered_at, n.id;
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'opportunity.closed', n.id, n.closed_at,
           jsonb_build_object('stage', n.stage, 'won', coalesce(s.kind = 'won', false), 'amount', n.amount,
                              'currency', n.currency)
    from inserted n left join pipeline_stage s on s.tenant_id = n.tenant_id and s.key = n.stage
    where n.closed_at is not null order by n.closed_at, n.id;
    return null;
end
$$;
create trigger opportunity_inserted_events after insert on opportunity
    referencing new table as inserted for each statement execute function opportunity_inserted_events();

create function opportunity_updated_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'opportunity.stage-changed', n.id, n.stage_entered_at,
           jsonb_build_object('fromStage', o.stage, 'toStage', n.stage,
                              'movedById', (select h.moved_by_id from stage_history h
                                            where h.tenant_id = n.tenant_id and h.opportunity_id = n.id
                                              and h.stage = n.stage and h.entered_at = n.stage_entered_at limit 1))
    from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
    where n.stage is distinct from o.stage order by n.stage_entered_at, n.id;
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'opportunity.closed', n.id, n.closed_at,
           jsonb_build_object('stage', n.stage, 'won', coalesce(s.kind = 'won', false), 'amount', n.amount,
                              'currency', n.currency)
    from new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id
         left join pipeline_stage s on s.tenant_id = n.tenant_id and s.key = n.stage
    where n.closed_at is not null and (o.closed_at is null or n.stage is distinct from o.stage)
    order by n.closed_at, n.id;
    return null;
end
$$;
create trigger opportunity_updated_events after update on opportunity
    referencing old table as old_rows new table as new_rows for each statement
    execute function opportunity_updated_events();

create function lead_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'lead.created', n.id, n.created_at,
           jsonb_build_object('channel', n.channel, 'status', n.status, 'ownerId', n.owner_id)
    from inserted n order by n.created_at, n.id;
    return null;
end
$$;
create trigger lead_events after insert on lead
    referencing new table as inserted for each statement execute function lead_events();

create function activity_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'activity.recorded', n.id, n.occurred_at,
           jsonb_build_object('activityType', n.type, 'opportunityId', n.opportunity_id, 'leadId', n.lead_id,
                              'contactId', n.contact_id)
    from inserted n order by n.occurred_at, n.id;
    return null;
end
$$;
create trigger activity_events after insert on activity
    referencing new table as inserted for each statement execute function activity_events();

create function quote_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    select n.tenant_id, 'quote.issued', n.id, n.issued_at,
           jsonb_build_object('opportunityId', n.opportunity_id, 'total', n.net_total, 'currency', n.currency)
    from inserted n order by n.issued_at, n.id;
    return null;
end
$$;
create trigger quote_events after insert on quote
    referencing new table as inserted for each statement execute function quote_events();
