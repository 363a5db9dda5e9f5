create table t (tenant_id text not null, id bigint not null, label text, primary key (tenant_id, id));
create index t_label on t (label);
