-- Running downgrade y1 -> m1

DROP INDEX CONCURRENTLY invoices_user_idx;

INSERT INTO alembic_version (version_num) VALUES ('m1') RETURNING alembic_version.version_num;

UPDATE alembic_version SET version_num='x1' WHERE alembic_version.version_num = 'y1';

BEGIN;

-- Running downgrade m1 -> c1, c2

INSERT INTO alembic_version (version_num) VALUES ('c1') RETURNING alembic_version.version_num;

UPDATE alembic_version SET version_num='c2' WHERE alembic_version.version_num = 'm1';

COMMIT;

BEGIN;

-- Running downgrade c1 -> b1

DROP TABLE invoices;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1';

COMMIT;

BEGIN;

-- Running downgrade c2 -> b1

DROP FUNCTION audit_stamp();

UPDATE alembic_version SET version_num='b1' WHERE alembic_version.version_num = 'c2';

COMMIT;

