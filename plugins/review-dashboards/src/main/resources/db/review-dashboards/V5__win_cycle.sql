-- review-dashboards: the win cycle of a won opportunity, beside its sales cycle (cycle_days):
--   win_days: from created_at to its first entry into a won stage in the stage history, in fractional
--             days (a deal won, reopened and won again: to the first win; cycle_days runs to closed_at,
--             the last); closed_at when the history holds no won entry. Null unless won.
-- (Migrations only add: facts built before this version get it counted by the facts job.)
alter table rd_opportunity add column win_days double precision;
