create table fact (
    tenant_id text not null,
    id        bigint not null,
    label     text,
    amount    numeric(18, 2),
    at        timestamptz,
    primary key (tenant_id, id)
);
create index fact_label on fact (tenant_id, label);
