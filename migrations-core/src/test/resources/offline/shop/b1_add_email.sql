-- add email
--
-- Revision ID: b1
-- Revises: a1
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: 
-- Depends On: 
-- Transactional: true

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email text;
COMMENT ON COLUMN users.email IS 'where; we write';

-- migrate:downgrade
ALTER TABLE users DROP COLUMN email;
