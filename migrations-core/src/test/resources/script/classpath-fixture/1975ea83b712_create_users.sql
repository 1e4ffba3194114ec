-- Create users
--
-- Revision ID: 1975ea83b712
-- Revises:
-- Create Date: 2026-11-20 09:00:00.000000

-- migrate:upgrade
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);

-- migrate:downgrade
DROP TABLE users;
