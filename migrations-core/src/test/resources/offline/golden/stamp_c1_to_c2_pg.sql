BEGIN;

-- Running stamp_revision  -> c2

INSERT INTO alembic_version (version_num) VALUES ('c2') RETURNING alembic_version.version_num;

COMMIT;

