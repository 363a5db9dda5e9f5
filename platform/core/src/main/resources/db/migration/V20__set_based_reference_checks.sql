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

-- The writing side, one trigger per reference (arguments: the column, the table it names, that
-- table's key): the distinct records the statement's rows name — on update, only references it
-- changed, as a foreign key skips unchanged keys — locked and counted; only when some are missing is
-- one looked for, to name it in the error.
create function references_written() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    col text := TG_ARGV[0];
    parent text := TG_ARGV[1];
    parent_key text := TG_ARGV[2];
    refs text;
    missing bigint;
    bad record;
begin
    refs := format('select distinct n.tenant_id, n.%1$I as ref from new_rows n ', col)
            || case when TG_OP = 'UPDATE' then format('join old_rows o using (tenant_id, id) '
                                                      'where n.%1$I is distinct from o.%1$I and ', col)
                    else 'where ' end
            || format('n.%I is not null', col);
    execute format('with refs as materialized (%s), '
                   'locked as (select 1 from %I p join refs r on p.tenant_id = r.tenant_id and p.%I = r.ref '
                   'for key share of p) '
                   'select (select count(*) from refs) - (select count(*) from locked)', refs, parent, parent_key)
        into missing;
    if missing > 0 then
        execute format('select r.tenant_id, r.ref::text as ref from (%s) r where not exists '
                       '(select 1 from %I p where p.tenant_id = r.tenant_id and p.%I = r.ref) limit 1',
                       refs, parent, parent_key)
            into bad;
        raise exception 'insert or update on table "%" violates the reference to table "%"', TG_TABLE_NAME, parent
            using errcode = 'foreign_key_violation', constraint = TG_TABLE_NAME || '_' || col || '_ref',
                  detail = format('Key (tenant_id, %s)=(%s, %s) is not present in table "%s".',
                                  parent_key, bad.tenant_id, bad.ref, parent);
    end if;
    return null;
end
$$;

create trigger opportunity_account_written after insert on opportunity referencing new table as new_rows
    for each statement execute function references_written('account_id', 'account', 'id');
create trigger opportunity_owner_written after insert on opportunity referencing new table as new_rows
    for each statement execute function references_written('owner_id', 'app_user', 'id');
create trigger opportunity_stage_written after insert on opportunity referencing new table as new_rows
    for each statement execute function references_written('stage', 'pipeline_stage', 'key');
create trigger stage_history_opportunity_written after insert on stage_history referencing new table as new_rows
    for each statement execute function references_written('opportunity_id', 'opportunity', 'id');
create trigger stage_history_mover_written after insert on stage_history referencing new table as new_rows
    for each statement execute function references_written('moved_by_id', 'app_user', 'id');

create trigger opportunity_account_updated after update on opportunity
    referencing old table as old_rows new table as new_rows
    for each statement execute function references_written('account_id', 'account', 'id');
create trigger opportunity_owner_updated after update on opportunity
    referencing old table as old_rows new table as new_rows
    for each statement execute function references_written('owner_id', 'app_user', 'id');
create trigger opportunity_stage_updated after update on opportunity
    referencing old table as old_rows new table as new_rows
    for each statement execute function references_written('stage', 'pipeline_stage', 'key');
create trigger stage_history_opportunity_updated after update on stage_history
    referencing old table as old_rows new table as new_rows
    for each statement execute function references_written('opportunity_id', 'opportunity', 'id');
create trigger stage_history_mover_updated after update on stage_history
    referencing old table as old_rows new table as new_rows
    for each statement execute function references_written('moved_by_id', 'app_user', 'id');

-- The deleting side (arguments: the table that names this one, its column, this table's key): a
-- deleted record still named fails the statement. Users are deactivated, not deleted, so no index
-- serves the stage history's question of who moved an entry.
create function references_deleted() returns trigger
    language plpgsql security definer set search_path = public as $$
declare
    child text := TG_ARGV[0];
    col text := TG_ARGV[1];
    key text := TG_ARGV[2];
    bad record;
    named bigint;
begin
    execute format('select d.tenant_id, d.%3$I::text as ref from deleted d where exists '
                   '(select 1 from %1$I c where c.tenant_id = d.tenant_id and c.%2$I = d.%3$I) limit 1', child, col, key)
        into bad;
    get diagnostics named = row_count;
    if named > 0 then
        raise exception 'update or delete on table "%" violates the reference from table "%"', TG_TABLE_NAME, child
            using errcode = 'foreign_key_violation', constraint = child || '_' || col || '_ref',
                  detail = format('Key (tenant_id, %s)=(%s, %s) is still referenced from table "%s".',
                                  key, bad.tenant_id, bad.ref, child);
    end if;
    return null;
end
$$;

create trigger account_deleted after delete on account referencing old table as deleted
    for each statement execute function references_deleted('opportunity', 'account_id', 'id');
create trigger app_user_deleted_owner after delete on app_user referencing old table as deleted
    for each statement execute function references_deleted('opportunity', 'owner_id', 'id');
create trigger app_user_deleted_mover after delete on app_user referencing old table as deleted
    for each statement execute function references_deleted('stage_history', 'moved_by_id', 'id');
create trigger pipeline_stage_deleted after delete on pipeline_stage referencing old table as deleted
    for each statement execute function references_deleted('opportunity', 'stage', 'key');

-- Opportunities take their stage history with them.
create function opportunity_deleted_cascade() returns trigger
    language plpgsql security definer set search_path = public as $$
begin
    delete from stage_history h using deleted d where h.tenant_id = d.tenant_id and h.opportunity_id = d.id;
    return null;
end
$$;
create trigger opportunity_deleted_cascade after delete on opportunity
    referencing old table as deleted for each statement execute function opportunity_deleted_cascade();

revoke all on function references_written(), references_deleted(), opportunity_deleted_cascade() from public;
