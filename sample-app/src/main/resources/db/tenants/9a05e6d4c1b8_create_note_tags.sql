-- create note tags
--
-- Revision ID: 9a05e6d4c1b8
-- Revises: 4f81c3b2a7d9
-- Create Date: 2026-12-06 23:42:00.000000

-- migrate:upgrade
CREATE TABLE note_tags (
    note_id bigint NOT NULL REFERENCES notes (id),
    tag varchar(32) NOT NULL,
    PRIMARY KEY (note_id, tag)
);

-- migrate:downgrade
DROP TABLE note_tags;
