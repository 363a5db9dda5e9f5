-- stage_history (tenant_id, stage) served one question only: whether a pipeline change drops a stage
-- that history still names (Pipelines.replace, an admin's rare edit). Every entry written paid for
-- it — a fifth of the index work of a bulk import of stage history. That question now reads the
-- tenant's entries without it.
drop index stage_history_stage;
