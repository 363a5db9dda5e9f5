create table t (tenant_id text not null, id bigint not null, primary key (tenant_id, id));
insert into t select tenant_id, 1 from public.core_secret;
