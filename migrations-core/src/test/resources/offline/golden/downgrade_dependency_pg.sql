-- Running downgrade y1 -> m1

DROP INDEX CONCURRENTLY invoices_user_idx;

INSERT INTO alembic_version (version_num) VALUES ('m1') RETURNING alembic_version.version_num;

UPDATE alembic_version SET version_num='x1' WHERE alembic_version.version_num = 'y1';

BEGIN;

-- Running downgrade x1 -> 

DROP SCHEMA reports;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'x1';

COMMIT;

