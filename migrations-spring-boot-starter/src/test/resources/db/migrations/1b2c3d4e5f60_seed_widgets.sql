-- seed widgets
--
-- Revision ID: 1b2c3d4e5f60
-- Revises: 0a1b2c3d4e5f
-- Create Date: 2026-11-24 07:10:00.000000

-- migrate:upgrade
INSERT INTO widgets (id, name) VALUES (1, 'sprocket');

-- migrate:downgrade
DELETE FROM widgets WHERE id = 1;
