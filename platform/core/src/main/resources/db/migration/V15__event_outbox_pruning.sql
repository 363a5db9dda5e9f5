-- The outbox keeps events only while they matter: an event whose deliveries all succeeded (or that no
-- plugin listened to) goes after the retention period; dead letters stay until replayed or the admin's
-- decision. Cross-tenant housekeeping, so a security-definer function that answers a count only.
create index event_outbox_age on event_outbox (created_at) where fanned_out;

create function event_outbox_prune(older_than interval, max_rows int) returns bigint
    language sql volatile security definer set search_path = public as $$
    with gone as (
        delete from event_outbox o
        where (o.tenant_id, o.seq) in (
            select x.tenant_id, x.seq from event_outbox x
            where x.fanned_out and x.created_at < now() - older_than
              and not exists (select 1 from event_delivery d
                              where d.tenant_id = x.tenant_id and d.seq = x.seq and d.status <> 'delivered')
            limit max_rows)
        returning 1)
    select count(*) from gone
$$;
revoke all on function event_outbox_prune(interval, int) from public;
grant execute on function event_outbox_prune(interval, int) to ${appRole};
