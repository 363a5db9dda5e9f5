-- Opportunity lists sorted by name read a page straight from this index, as leads, accounts and
-- contacts already did (V22); without it every such page sorted all of the tenant's opportunities
-- (3.8 ms for 6,000, half of PostgreSQL's time in tools/api-bench, and growing with the table).
-- V24 left it out because the import of a million opportunities took 15 s longer with it. Measured
-- again on today's machine (tools/import-bench, 1,000,000 opportunities and 3.7 million stage history
-- rows): opportunities 41.1 s with it against 38.3 s without, stage history 41.0 s against 41.5 s;
-- 57,378 against 59,032 rows/s in all, above issue 4's 50,000.
create index opportunity_name on opportunity (tenant_id, name, id);
