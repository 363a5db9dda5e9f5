-- METRICS.md "Cohort": figures filter by product line too, an opportunity custom attribute (config
-- productLineAttribute, default product_line). The facts keep it beside the other dimensions.
alter table rd_opportunity add column product_line text;
