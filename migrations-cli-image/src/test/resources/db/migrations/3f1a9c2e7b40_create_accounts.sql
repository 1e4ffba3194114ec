-- create accounts
--
-- Revision ID: 3f1a9c2e7b40
-- Revises:
-- Create Date: 2026-12-07 02:00:00.000000

-- migrate:upgrade
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);

-- migrate:downgrade
DROP TABLE accounts;
