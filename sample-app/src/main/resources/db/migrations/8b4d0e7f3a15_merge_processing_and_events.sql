-- merge processing and events
--
-- Revision ID: 8b4d0e7f3a15
-- Revises: 3c9e1f2a7b40, 5d2f8a6c1e93
-- Create Date: 2026-11-24 08:10:00.000000

-- migrate:upgrade

-- migrate:downgrade
