-- The confirmation of a destructive MCP call (services_deploy, services_restart, containers_restart,
-- bots_deploy, crm_contacts_upsert, workflows_create): confirmed, declined, cancelled or not_asked.
-- NULL for every other call and while a write is pending. Additive: existing rows keep NULL.
-- Versioned 3.1 so that it stays a separate step next to other V3 migrations. Plain SQL that H2 2.x
-- and PostgreSQL both run.

ALTER TABLE audit_records ADD COLUMN confirmation VARCHAR(16);
