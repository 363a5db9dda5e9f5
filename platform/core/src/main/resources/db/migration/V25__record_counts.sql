-- How many leads, accounts, contacts, opportunities and activities each tenant has, kept as the
-- rows come and go, so that a list without conditions (what an admin sees first) reads its total
-- here instead of counting the tenant's records on every page: the count read them all, 1–2 ms for
-- 6,000 rows and growing with the table (tools/api-bench).
--
-- A count is the sum of its rows. Every insert or delete adds a row of +1 or -1; one in eight (at
-- random) also folds into its row the count's other rows that no other transaction holds (FOR UPDATE
-- SKIP LOCKED). So a count keeps a few rows, writers never wait for each other, and a reader sees
-- exactly what its snapshot sees. (Folding on every write cost an insert 0.15 ms more.) A bulk import
-- counts its rows itself, once per statement (record_count_add), instead of a trigger call per row.
create table record_count (
    tenant_id text   not null,
    kind      text   not null,
    id        bigint generated always as identity,
    n         bigint not null,
    primary key (tenant_id, kind, id)
);

grant select, insert, update, delete on record_count to ${appRole};
alter table record_count enable row level security;
create policy tenant_isolation on record_count
    using (tenant_id = current_setting('fupan.tenant', true))
    with check (tenant_id = current_setting('fupan.tenant', true));

-- Adds delta to the count of kind in the tenant, folding in the rows of that count no transaction holds.
create function record_count_add(tenant text, counted text, delta bigint) returns void language plpgsql as $$
declare
    folded bigint;
begin
    with gone as (
        delete from record_count r where r.tenant_id = tenant and r.kind = counted and r.id in (
            select f.id from record_count f where f.tenant_id = tenant and f.kind = counted for update skip locked)
        returning r.n)
    select coalesce(sum(gone.n), 0) into folded from gone;
    insert into record_count (tenant_id, kind, n) values (tenant, counted, delta + folded);
end
$$;

create function record_counted() returns trigger language plpgsql as $$
declare
    tenant text := case when tg_op = 'INSERT' then new.tenant_id else old.tenant_id end;
    delta  bigint := case when tg_op = 'INSERT' then 1 else -1 end;
begin
    if random() < 0.125 then
        perform record_count_add(tenant, tg_table_name, delta);
    else
        insert into record_count (tenant_id, kind, n) values (tenant, tg_table_name, delta);
    end if;
    return null;
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['lead', 'account', 'contact', 'opportunity', 'activity']
    loop
        execute format('insert into record_count (tenant_id, kind, n) select tenant_id, %L, count(*) from %I'
                       ' group by tenant_id', t, t);
        -- The importer sets fupan.rows_counted for its transaction and counts its inserts itself.
        execute format('create trigger counted after insert or delete on %I for each row'
                       ' when (current_setting(''fupan.rows_counted'', true) is distinct from ''by statement'')'
                       ' execute function record_counted()', t);
    end loop;
end
$$;
