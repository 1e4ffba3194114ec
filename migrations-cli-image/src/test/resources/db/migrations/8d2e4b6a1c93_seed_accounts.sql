-- seed accounts
--
-- Revision ID: 8d2e4b6a1c93
-- Revises: 3f1a9c2e7b40
-- Create Date: 2026-12-07 02:01:00.000000

-- migrate:upgrade
INSERT INTO accounts (id, email) VALUES (1, 'ada@example.com'), (2, 'grace@example.com');

-- migrate:downgrade
DELETE FROM accounts WHERE id IN (1, 2);
