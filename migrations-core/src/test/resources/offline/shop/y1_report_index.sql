-- index invoices for reports
--
-- Revision ID: y1
-- Revises: m1
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: 
-- Depends On: reports
-- Transactional: false

-- migrate:upgrade
CREATE INDEX CONCURRENTLY invoices_user_idx ON invoices (user_id);

-- migrate:downgrade
DROP INDEX CONCURRENTLY invoices_user_idx;
