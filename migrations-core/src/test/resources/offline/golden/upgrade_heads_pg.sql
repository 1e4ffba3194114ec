BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> a1

CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);

INSERT INTO alembic_version (version_num) VALUES ('a1') RETURNING alembic_version.version_num;

COMMIT;

BEGIN;

-- Running upgrade a1 -> b1

ALTER TABLE users ADD COLUMN email text;

COMMENT ON COLUMN users.email IS 'where; we write';

UPDATE alembic_version SET version_num='b1' WHERE alembic_version.version_num = 'a1';

COMMIT;

BEGIN;

-- Running upgrade  -> x1

CREATE SCHEMA reports;

INSERT INTO alembic_version (version_num) VALUES ('x1') RETURNING alembic_version.version_num;

COMMIT;

BEGIN;

-- Running upgrade b1 -> c2

CREATE FUNCTION audit_stamp() RETURNS trigger AS $$
BEGIN
  NEW.stamped := now(); RETURN NEW;
END;
$$ LANGUAGE plpgsql;

UPDATE alembic_version SET version_num='c2' WHERE alembic_version.version_num = 'b1';

COMMIT;

BEGIN;

-- Running upgrade b1 -> c1

CREATE TABLE invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES users);

INSERT INTO alembic_version (version_num) VALUES ('c1') RETURNING alembic_version.version_num;

COMMIT;

BEGIN;

-- Running upgrade c1, c2 -> m1

DELETE FROM alembic_version WHERE alembic_version.version_num = 'c1';

UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'c2';

COMMIT;

-- Running upgrade m1 -> y1

CREATE INDEX CONCURRENTLY invoices_user_idx ON invoices (user_id);

DELETE FROM alembic_version WHERE alembic_version.version_num = 'm1';

UPDATE alembic_version SET version_num='y1' WHERE alembic_version.version_num = 'x1';

