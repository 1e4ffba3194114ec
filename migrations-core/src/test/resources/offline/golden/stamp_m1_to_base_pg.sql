BEGIN;

-- Running stamp_revision m1 -> 

DELETE FROM alembic_version WHERE alembic_version.version_num = 'm1';

COMMIT;

