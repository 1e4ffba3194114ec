BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running stamp_revision  -> y1

INSERT INTO alembic_version (version_num) VALUES ('y1') RETURNING alembic_version.version_num;

COMMIT;

