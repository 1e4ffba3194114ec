-- add email
--
-- Revision ID: 2b3c4d5e6f70
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-12-07 00:01:00.000000

-- migrate:upgrade
ALTER TABLE accounts ADD COLUMN email text;

-- migrate:downgrade
ALTER TABLE accounts DROP COLUMN email;
