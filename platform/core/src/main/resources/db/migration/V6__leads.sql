-- Indexes for leads and their conversion (tenant_id leading, as everywhere).

-- Deleting a lead asks which opportunity came from it.
create index opportunity_lead on opportunity (tenant_id, lead_id) where lead_id is not null;

-- Deleting an account or an opportunity checks the converted leads that point at it (foreign keys).
create index lead_converted_account on lead (tenant_id, converted_account_id) where converted_account_id is not null;
create index lead_converted_opportunity on lead (tenant_id, converted_opportunity_id)
    where converted_opportunity_id is not null;

-- /leads filters by channel (MQL → SQL rate by channel reads the same).
create index lead_channel on lead (tenant_id, channel, created_at);
