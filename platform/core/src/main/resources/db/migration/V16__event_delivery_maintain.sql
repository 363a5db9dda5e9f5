-- The dispatcher refreshes the delivery table's statistics after a bulk fan-out (EventStore.analyze):
-- ANALYZE needs the MAINTAIN privilege (PostgreSQL 17+). On older servers autovacuum catches up alone.
do $$
begin
    execute 'grant maintain on event_delivery to ${appRole}';
exception when syntax_error or undefined_object or feature_not_supported then
    raise notice 'MAINTAIN is not available on this PostgreSQL: event_delivery is analyzed by autovacuum only';
end
$$;
