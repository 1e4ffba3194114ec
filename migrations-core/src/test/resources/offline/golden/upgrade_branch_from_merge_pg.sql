BEGIN;

-- Running upgrade b1 -> c2

CREATE FUNCTION audit_stamp() RETURNS trigger AS $$
BEGIN
  NEW.stamped := now(); RETURN NEW;
END;
$$ LANGUAGE plpgsql;

INSERT INTO alembic_version (version_num) VALUES ('c2') RETURNING alembic_version.version_num;

COMMIT;

BEGIN;

-- Running upgrade c1, c2 -> m1

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1';

UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'c2';

COMMIT;

