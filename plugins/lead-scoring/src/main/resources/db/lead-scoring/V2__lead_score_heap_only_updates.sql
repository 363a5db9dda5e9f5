-- A re-score rewrites every lead's row here. With total in an index, no such update could stay on its
-- page without new index entries (PostgreSQL's heap-only update); with no changing column indexed and
-- room left on each page, most do. A rep's focus list reads all their open leads anyway (the top fifth
-- needs the count), so the owner alone is indexed and the few rows sorted.
alter table lead_score set (fillfactor = 50);
drop index lead_score_owner_total;
create index lead_score_owner on lead_score (tenant_id, owner_id);
