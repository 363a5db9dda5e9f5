create table t (tenant_id text not null, id bigint not null, primary key (tenant_id, id));
create function t_leak() returns text language sql as $$ select set_config('fupan.tenant', 'other', true) $$;
