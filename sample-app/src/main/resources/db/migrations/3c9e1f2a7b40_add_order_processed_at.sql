-- add order processed_at
--
-- Revision ID: 3c9e1f2a7b40
-- Revises: ae1027a6acf0
-- Create Date: 2026-11-24 08:00:00.000000
-- Branch Labels: processing

-- migrate:upgrade
ALTER TABLE orders ADD COLUMN processed_at timestamp;

-- migrate:downgrade
ALTER TABLE orders DROP COLUMN processed_at;
