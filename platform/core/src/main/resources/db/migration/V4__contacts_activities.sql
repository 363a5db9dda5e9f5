-- Indexes for the lists and checks of contacts, activities and teams (tenant_id leading, as everywhere).

-- /activities sorts by occurredAt by default, across the tenant or one owner's.
create index activity_occurred on activity (tenant_id, occurred_at);
create index activity_owner on activity (tenant_id, owner_id, occurred_at);

-- Deleting a contact asks who reports to it and which converted lead points at it.
create index contact_reports_to on contact (tenant_id, reports_to_id) where reports_to_id is not null;
create index lead_converted_contact on lead (tenant_id, converted_contact_id) where converted_contact_id is not null;

-- Visibility asks which teams a manager manages.
create index team_manager on team (tenant_id, manager_id);
