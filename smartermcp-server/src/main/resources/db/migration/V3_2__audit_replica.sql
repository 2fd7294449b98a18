-- Which replica served each call (SMARTERMCP_REPLICA_ID, default the host name), so that a trail kept
-- by several replicas in one PostgreSQL says where each call ran. Additive: rows from before stay NULL.
-- Versioned 3.1, apart from any V3 of other work on the trail, so the two never collide.

ALTER TABLE audit_records ADD COLUMN replica VARCHAR(64);
