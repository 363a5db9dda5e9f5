-- The references that carry the rows of a bulk import — opportunity -> account, owner, stage, and
-- stage_history -> opportunity, mover — checked once per statement instead of once per row.
--
-- As foreign keys, PostgreSQL (up to 18) checks each of them with one query per inserted row: an
-- import of 1,000,000 opportunities with 3,710,757 history entries ran 6.7 million such queries,
-- the largest part of its time. The triggers below keep the same rules, set-based, over the
-- statement's transition table:
--   * a row cannot name a record that does not exist (on insert, and on update of the reference);
--     the error is SQLSTATE 23503 (foreign_key_violation), as before;
--   * an account, user or stage cannot be deleted while an opportunity names it, and deleting an
--     opportunity deletes its stage history (on delete cascade, as before);
--   * against concurrent deletes, the writing side locks each record it names FOR KEY SHARE, as a
--     foreign key does — once per record rather than once per row — and counts what it locked: a
--     record deleted meanwhile is waited for and then missing from the count, and a delete waits for
--     the writer and then finds its rows (the deleting side checks after its delete, with a newer
--     snapshot: the application's transactions are READ COMMITTED).
-- The functions run as the owner (security definer), as foreign-key checks do, so that they see the
-- named rows whatever the caller's row-level security; every lookup is by the row's own tenant_id.
-- Record ids and stage keys are never changed once written, so no rule is needed for that.

-- And one key that no write needs: event_outbox -> tenant. Its rows are written only by the triggers
-- of tenant rows (V11), whose own references prove the tenant (as in V13); checked per row, it cost
-- a bulk import of opportunities more than all the outbox's other work.
alter table event_outbox drop constraint event_outbox_tenant_id_fkey;

alter table opportunity drop constraint opportunity_tenant_id_account_id_fkey,
                        drop constraint opportunity_tenant_id_owner_id_fkey,
                        drop constraint opportunity_tenant_id_stage_fkey;
alter table stage_history drop constraint stage_history_tenant_id_opportunity_id_fkey,
                          drop constraint stage_history_tenant_id_moved_by_id_fkey;

create function reference_violation(child text, parent text, tenant text, ref text) returns void
    language plpgsql as $$
begin
    raise exception 'insert or update on table "%" violates the reference to table "%"', child, parent
        using errcode = 'foreign_key_violation', constraint = child || '_' || parent || '_ref',
              detail = format('Key (tenant_id, %s)=(%s, %s) is not present in table "%s".',
                              case when parent = 'pipeline_stage' then 'key' else 'id' end, tenant, ref, parent);
end
$$;

create function parent_in_use(parent text, child text, tenant text, ref text) returns void
    language plpgsql as $$
begin
    raise exception 'update or delete on table "%" violates the reference from table "%"', parent, child
        using errcode = 'foreign_key_violation', constraint = child || '_' || parent || '_ref',
              detail = format('Key (tenant_id, %s)=(%s, %s) is still referenced from table "%s".',
                              case when parent = 'pipeline_stage' then 'key' else 'id' end, tenant, ref, child);
end
$$;

-- The writing side: per reference, the distinct records named, locked and counted; only when some
-- are missing is one looked for, to name it in the error.
create function opportunity_inserted_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    missing bigint;
    bad record;
begin
    with refs as materialized (select distinct n.tenant_id, n.account_id as ref from inserted n where n.account_id is not null),
         locked as (select 1 from account p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.account_id as ref from inserted n where n.account_id is not null) r
        where not exists (select 1 from account p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('opportunity', 'account', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.owner_id as ref from inserted n where n.owner_id is not null),
         locked as (select 1 from app_user p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.owner_id as ref from inserted n where n.owner_id is not null) r
        where not exists (select 1 from app_user p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('opportunity', 'app_user', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.stage as ref from inserted n where n.stage is not null),
         locked as (select 1 from pipeline_stage p join refs r on p.tenant_id = r.tenant_id and p.key = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.stage as ref from inserted n where n.stage is not null) r
        where not exists (select 1 from pipeline_stage p where p.tenant_id = r.tenant_id and p.key = r.ref) limit 1;
        perform reference_violation('opportunity', 'pipeline_stage', bad.tenant_id, bad.ref);
    end if;
    return null;
end
$$;
create trigger opportunity_inserted_references after insert on opportunity
    referencing new table as inserted for each statement execute function opportunity_inserted_references();

create function opportunity_updated_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    missing bigint;
    bad record;
begin
    -- only the references an update changed (as a foreign key skips unchanged keys): most updates
    -- change none, and end here after one pass
    if not exists (select 1 from new_rows n join old_rows o using (tenant_id, id)
                   where (n.account_id, n.owner_id, n.stage) is distinct from (o.account_id, o.owner_id, o.stage)) then
        return null;
    end if;
    with refs as materialized (select distinct n.tenant_id, n.account_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.account_id is not null and n.account_id is distinct from o.account_id),
         locked as (select 1 from account p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.account_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.account_id is not null and n.account_id is distinct from o.account_id) r
        where not exists (select 1 from account p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('opportunity', 'account', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.owner_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.owner_id is not null and n.owner_id is distinct from o.owner_id),
         locked as (select 1 from app_user p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.owner_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.owner_id is not null and n.owner_id is distinct from o.owner_id) r
        where not exists (select 1 from app_user p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('opportunity', 'app_user', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.stage as ref from new_rows n join old_rows o using (tenant_id, id) where n.stage is not null and n.stage is distinct from o.stage),
         locked as (select 1 from pipeline_stage p join refs r on p.tenant_id = r.tenant_id and p.key = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.stage as ref from new_rows n join old_rows o using (tenant_id, id) where n.stage is not null and n.stage is distinct from o.stage) r
        where not exists (select 1 from pipeline_stage p where p.tenant_id = r.tenant_id and p.key = r.ref) limit 1;
        perform reference_violation('opportunity', 'pipeline_stage', bad.tenant_id, bad.ref);
    end if;
    return null;
end
$$;
create trigger opportunity_updated_references after update on opportunity
    referencing old table as old_rows new table as new_rows for each statement
    execute function opportunity_updated_references();

create function stage_history_inserted_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    missing bigint;
    bad record;
begin
    with refs as materialized (select distinct n.tenant_id, n.opportunity_id as ref from inserted n where n.opportunity_id is not null),
         locked as (select 1 from opportunity p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.opportunity_id as ref from inserted n where n.opportunity_id is not null) r
        where not exists (select 1 from opportunity p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('stage_history', 'opportunity', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.moved_by_id as ref from inserted n where n.moved_by_id is not null),
         locked as (select 1 from app_user p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.moved_by_id as ref from inserted n where n.moved_by_id is not null) r
        where not exists (select 1 from app_user p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('stage_history', 'app_user', bad.tenant_id, bad.ref);
    end if;
    return null;
end
$$;
create trigger stage_history_inserted_references after insert on stage_history
    referencing new table as inserted for each statement execute function stage_history_inserted_references();

create function stage_history_updated_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    missing bigint;
    bad record;
begin
    if not exists (select 1 from new_rows n join old_rows o using (tenant_id, id)
                   where (n.opportunity_id, n.moved_by_id) is distinct from (o.opportunity_id, o.moved_by_id)) then
        return null;
    end if;
    with refs as materialized (select distinct n.tenant_id, n.opportunity_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.opportunity_id is not null and n.opportunity_id is distinct from o.opportunity_id),
         locked as (select 1 from opportunity p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.opportunity_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.opportunity_id is not null and n.opportunity_id is distinct from o.opportunity_id) r
        where not exists (select 1 from opportunity p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('stage_history', 'opportunity', bad.tenant_id, bad.ref);
    end if;
    with refs as materialized (select distinct n.tenant_id, n.moved_by_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.moved_by_id is not null and n.moved_by_id is distinct from o.moved_by_id),
         locked as (select 1 from app_user p join refs r on p.tenant_id = r.tenant_id and p.id = r.ref
                    for key share of p)
    select (select count(*) from refs) - (select count(*) from locked) into missing;
    if missing > 0 then
        select r.tenant_id, r.ref::text as ref into bad from (select distinct n.tenant_id, n.moved_by_id as ref from new_rows n join old_rows o using (tenant_id, id) where n.moved_by_id is not null and n.moved_by_id is distinct from o.moved_by_id) r
        where not exists (select 1 from app_user p where p.tenant_id = r.tenant_id and p.id = r.ref) limit 1;
        perform reference_violation('stage_history', 'app_user', bad.tenant_id, bad.ref);
    end if;
    return null;
end
$$;
create trigger stage_history_updated_references after update on stage_history
    referencing old table as old_rows new table as new_rows for each statement
    execute function stage_history_updated_references();

-- The deleting side. Opportunities take their stage history with them.
create function opportunity_deleted_cascade() returns trigger
    language plpgsql security definer set search_path = public as $$
begin
    delete from stage_history h using deleted d where h.tenant_id = d.tenant_id and h.opportunity_id = d.id;
    return null;
end
$$;
create trigger opportunity_deleted_cascade after delete on opportunity
    referencing old table as deleted for each statement execute function opportunity_deleted_cascade();

create function account_deleted_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    bad record;
begin
    select d.tenant_id, d.id into bad from deleted d
    where exists (select 1 from opportunity o where o.tenant_id = d.tenant_id and o.account_id = d.id) limit 1;
    if found then perform parent_in_use('account', 'opportunity', bad.tenant_id, bad.id::text); end if;
    return null;
end
$$;
create trigger account_deleted_references after delete on account
    referencing old table as deleted for each statement execute function account_deleted_references();

create function app_user_deleted_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    bad record;
begin
    select d.tenant_id, d.id into bad from deleted d
    where exists (select 1 from opportunity o where o.tenant_id = d.tenant_id and o.owner_id = d.id) limit 1;
    if found then perform parent_in_use('app_user', 'opportunity', bad.tenant_id, bad.id::text); end if;
    -- (users are deactivated, not deleted: no index serves this rare question)
    select d.tenant_id, d.id into bad from deleted d
    where exists (select 1 from stage_history h where h.tenant_id = d.tenant_id and h.moved_by_id = d.id) limit 1;
    if found then perform parent_in_use('app_user', 'stage_history', bad.tenant_id, bad.id::text); end if;
    return null;
end
$$;
create trigger app_user_deleted_references after delete on app_user
    referencing old table as deleted for each statement execute function app_user_deleted_references();

create function pipeline_stage_deleted_references() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    bad record;
begin
    select d.tenant_id, d.key into bad from deleted d
    where exists (select 1 from opportunity o where o.tenant_id = d.tenant_id and o.stage = d.key) limit 1;
    if found then perform parent_in_use('pipeline_stage', 'opportunity', bad.tenant_id, bad.key); end if;
    return null;
end
$$;
create trigger pipeline_stage_deleted_references after delete on pipeline_stage
    referencing old table as deleted for each statement execute function pipeline_stage_deleted_references();

revoke all on function reference_violation(text, text, text, text), parent_in_use(text, text, text, text),
    opportunity_inserted_references(), opportunity_updated_references(), stage_history_inserted_references(),
    stage_history_updated_references(), opportunity_deleted_cascade(), account_deleted_references(),
    app_user_deleted_references(), pipeline_stage_deleted_references() from public;
