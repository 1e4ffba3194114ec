-- create tenants
--
-- Revision ID: c7e2a94f1d60
-- Revises: 8b4d0e7f3a15
-- Create Date: 2026-12-06 23:40:00.000000

-- migrate:upgrade
-- The tenants the 'tenants' profile migrates (migrations.tenants.query reads this table after this
-- revision ran); each gets a schema tenant_<name> with the scripts of db/tenants.
CREATE TABLE tenants (
    name varchar(63) PRIMARY KEY,
    active boolean NOT NULL DEFAULT TRUE,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO tenants (name) VALUES ('acme'), ('globex'), ('initech');

-- migrate:downgrade
DROP TABLE tenants;
