-- Opportunity lists sorted by creation (the API's default, -createdAt) read a page straight from
-- this index, as V22 made it for leads, accounts and contacts: the id, which breaks ties in the
-- direction of the last sort key (Jpql#page), is its last key, so no sort step is left. It replaces
-- the index on (tenant_id, created_at), so an import's writes keep the same number of index entries.
-- Sorting by name keeps reading the tenant's opportunities: an index on (tenant_id, name, id) took
-- the import of a million opportunities from 46.8 s to 61.5 s (tools/import-bench), as names arrive
-- in no order and the stage history's import rewrites every opportunity.
drop index opportunity_created;
create index opportunity_created on opportunity (tenant_id, created_at, id);
