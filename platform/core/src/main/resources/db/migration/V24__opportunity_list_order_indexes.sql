-- Opportunity lists in the API's orders (V22 did this for leads, accounts and contacts): sorted by name,
-- a page read the tenant's every opportunity and sorted them, 5 ms a page for 6,000 opportunities
-- (tools/api-bench: the largest cost of PostgreSQL under the API's mixed load). The created-at index
-- takes id as its last key instead of a new index beside it, so an import of stage history, which
-- updates every opportunity, writes one more index entry per row, not two.
drop index opportunity_created;
create index opportunity_created on opportunity (tenant_id, created_at, id);
create index opportunity_name on opportunity (tenant_id, name, id);
