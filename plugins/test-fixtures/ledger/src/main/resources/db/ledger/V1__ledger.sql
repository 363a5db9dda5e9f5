create table note (
    tenant_id text   not null,
    id        bigint not null,
    body      text   not null,
    primary key (tenant_id, id)
);

create table seen_event (
    tenant_id text        not null,
    event_id  uuid        not null,
    type      text        not null,
    record_id uuid        not null,
    detail    text,
    seen_at   timestamptz not null default now(),
    primary key (tenant_id, event_id)
);
create index seen_event_type on seen_event (tenant_id, type, seen_at);
