-- create accounts
--
-- Revision ID: 1a2b3c4d5e6f
-- Revises:
-- Create Date: 2026-12-07 00:00:00.000000

-- migrate:upgrade
CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);

-- migrate:downgrade
DROP TABLE accounts;
