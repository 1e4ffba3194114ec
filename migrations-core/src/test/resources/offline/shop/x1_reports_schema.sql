-- create reports schema
--
-- Revision ID: x1
-- Revises: 
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: reports
-- Depends On: 
-- Transactional: true

-- migrate:upgrade
CREATE SCHEMA reports;

-- migrate:downgrade
DROP SCHEMA reports;
