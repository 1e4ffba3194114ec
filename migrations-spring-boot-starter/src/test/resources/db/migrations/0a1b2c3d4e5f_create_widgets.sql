-- create widgets
--
-- Revision ID: 0a1b2c3d4e5f
-- Revises:
-- Create Date: 2026-11-24 07:00:00.000000

-- migrate:upgrade
CREATE TABLE widgets (
    id INT PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);

-- migrate:downgrade
DROP TABLE widgets;
