-- A pipeline change may drop only stages no stage history names (Pipelines.replace asks, per stage).
create index stage_history_stage on stage_history (tenant_id, stage);
