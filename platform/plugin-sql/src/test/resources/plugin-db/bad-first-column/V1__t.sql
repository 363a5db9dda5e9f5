create table loose (id bigint primary key, tenant_id text not null);
