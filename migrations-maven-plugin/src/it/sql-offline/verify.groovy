def script = new File(basedir, 'target/migrations/upgrade.sql')
assert script.isFile()
def text = script.text
assert text.contains('CREATE TABLE alembic_version')
assert text.contains('-- Running upgrade  -> 1a2b3c4d5e6f')
assert text.contains('-- Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f70')
assert text.contains('ALTER TABLE accounts ADD COLUMN email text;')
assert text.contains('BEGIN;')
return true
