create table note (
    tenant_id text   not null,
    id        bigint not null,
    body      text   not null,
    primary key (tenant_id, id)
);
