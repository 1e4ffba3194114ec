-- create invoices
--
-- Revision ID: c1
-- Revises: b1
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: billing
-- Depends On: 
-- Transactional: true

-- migrate:upgrade
CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES users);

-- migrate:downgrade
DROP TABLE invoices;
