-- An owner an import names but the tenant does not know yet is created inactive, as a placeholder
-- holding their records. When that person signs in for the first time (Keycloak vouches for them and
-- their tenant), the placeholder becomes their active user. A user an admin (de)activated is no
-- longer a placeholder: their status is the admin's decision.
alter table app_user add column placeholder boolean not null default false;
