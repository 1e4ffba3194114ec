-- add order total
--
-- Revision ID: ae1027a6acf0
-- Revises: 1975ea83b712
-- Create Date: 2026-11-24 07:10:00.000000

-- migrate:upgrade
ALTER TABLE orders ADD COLUMN total_cents bigint NOT NULL DEFAULT 0;

-- migrate:downgrade
ALTER TABLE orders DROP COLUMN total_cents;
