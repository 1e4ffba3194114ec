-- add note author
--
-- Revision ID: 9a05e6d4c1b8
-- Revises: 4f81c3b2a7d9
-- Create Date: 2026-12-06 23:42:00.000000

-- migrate:upgrade
ALTER TABLE notes ADD COLUMN author varchar(64);

-- migrate:downgrade
ALTER TABLE notes DROP COLUMN author;
