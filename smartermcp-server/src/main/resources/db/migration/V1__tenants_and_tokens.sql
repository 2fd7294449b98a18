-- Tenants and API tokens. Plain SQL that H2 2.x and PostgreSQL both run unchanged.
-- V2 is reserved for the audit trail (V2__audit.sql).

CREATE TABLE tenants (
    id          VARCHAR(63)  NOT NULL PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A token's secret is never stored: only the SHA-256 of the whole token (64 hex characters).
-- scopes holds the granted scope names separated by single spaces, as in OAuth's "scope".
CREATE TABLE tokens (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(63)  NOT NULL REFERENCES tenants (id),
    name        VARCHAR(64)  NOT NULL,
    secret_hash CHAR(64)     NOT NULL,
    scopes      VARCHAR(512) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    revoked     BOOLEAN      NOT NULL DEFAULT FALSE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT tokens_secret_hash_uk UNIQUE (secret_hash)
);

CREATE INDEX tokens_tenant_idx ON tokens (tenant_id, created_at);
