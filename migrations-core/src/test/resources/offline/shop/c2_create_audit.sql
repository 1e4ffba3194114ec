-- create audit
--
-- Revision ID: c2
-- Revises: b1
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: 
-- Depends On: 
-- Transactional: true

-- migrate:upgrade
CREATE FUNCTION audit_stamp() RETURNS trigger AS $$
BEGIN
  NEW.stamped := now(); RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- migrate:downgrade
DROP FUNCTION audit_stamp();
