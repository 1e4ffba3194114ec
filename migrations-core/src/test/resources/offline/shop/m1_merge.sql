-- merge billing and audit
--
-- Revision ID: m1
-- Revises: c1, c2
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: 
-- Depends On: 
-- Transactional: true

-- migrate:upgrade


-- migrate:downgrade

