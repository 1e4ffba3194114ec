-- create users
--
-- Revision ID: a1
-- Revises: 
-- Create Date: 2026-11-24 07:00:00.000000
-- Branch Labels: 
-- Depends On: 
-- Transactional: true

-- migrate:upgrade
CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);

-- migrate:downgrade
DROP TABLE users;
