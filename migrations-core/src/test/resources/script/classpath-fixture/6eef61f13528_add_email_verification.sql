-- Add user email verification fields
--
-- Revision ID: 6eef61f13528
-- Revises: 1975ea83b712
-- Create Date: 2026-11-24 07:00:00.000000

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email_verified;
