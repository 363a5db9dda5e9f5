-- The application connects as ${appRole}, which owns nothing: row-level security holds it to the
-- tenant its transaction set with set_config('fupan.tenant', <id>, true). Without that setting
-- current_setting(…, true) is null and no row matches: a forgotten tenant sees nothing.
-- The owner (who runs these migrations) bypasses RLS, as table owners do.

grant usage on schema public to ${appRole};
grant select, insert, update on tenant to ${appRole};

do $$
declare
    t text;
begin
    foreach t in array array['tenant_plugin', 'app_user', 'team', 'pipeline_stage', 'custom_attribute', 'account',
                             'contact', 'opportunity', 'stage_history', 'lead', 'lead_status_history', 'activity',
                             'audit_event']
    loop
        execute format('grant select, insert, update, delete on %I to %I', t, '${appRole}');
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (tenant_id = current_setting(''fupan.tenant'', true))'
                       ' with check (tenant_id = current_setting(''fupan.tenant'', true))', t);
    end loop;
end
$$;
