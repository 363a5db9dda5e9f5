alter table fact add column day date;
