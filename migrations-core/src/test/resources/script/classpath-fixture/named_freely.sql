-- The file name does not have to match the revision id
--
-- Revision ID: 0aa1b2c3d4e5
-- Revises: 6eef61f13528

-- migrate:upgrade
CREATE INDEX users_email ON users (email);
