-- Domain events for plugins (DESIGN.md "Events"): written to the outbox in the same transaction as
-- the change — by triggers, so that every path that changes a record (services, imports, SQL) writes
-- its event — and delivered after commit to the listeners of the plugins the tenant enabled, one
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

create function opportunity_events() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or new.stage is distinct from old.stage then
        insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
        values (new.tenant_id, 'opportunity.stage-changed', new.id, new.stage_entered_at,
                jsonb_build_object('fromStage', case when tg_op = 'INSERT' then null else old.stage end,
                                   'toStage', new.stage,
                                   'movedById', (select h.moved_by_id from stage_history h
                                                 where h.tenant_id = new.tenant_id and h.opportunity_id = new.id
                                                   and h.stage = new.stage and h.entered_at = new.stage_entered_at
                                                 limit 1)));
    end if;
    if new.closed_at is not null
            and (tg_op = 'INSERT' or old.closed_at is null or new.stage is distinct from old.stage) then
        insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
        values (new.tenant_id, 'opportunity.closed', new.id, new.closed_at,
                jsonb_build_object('stage', new.stage,
                                   'won', coalesce((select s.kind = 'won' from pipeline_stage s
                                                    where s.tenant_id = new.tenant_id and s.key = new.stage), false),
                                   'amount', new.amount, 'currency', new.currency));
    end if;
    return null;
end
$$;
create trigger opportunity_events after insert or update of stage, closed_at on opportunity
    for each row execute function opportunity_events();

create function lead_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    values (new.tenant_id, 'lead.created', new.id, new.created_at,
            jsonb_build_object('channel', new.channel, 'status', new.status, 'ownerId', new.owner_id));
    return null;
end
$$;
create trigger lead_events after insert on lead for each row execute function lead_events();

create function activity_events() returns trigger language plpgsql as $$
begin
    insert into event_outbox (tenant_id, type, record_id, occurred_at, payload)
    values (new.tenant_id, 'activity.recorded', new.id, new.occurred_at,
            jsonb_build_object('activityType', new.type, 'opportunityId', new.opportunity_id,
                               'leadId', new.lead_id, 'contactId', new.contact_id));
    return null;
end
$$;
create trigger activity_events after insert on activity for each row execute function activity_events();
