def log = new File(basedir, 'build.log').text
assert log.contains('Downgraded: 1 script(s) run')
assert log.contains('the database is at 1a2b3c4d5e6f')
assert log.contains('Stamped: 0 script(s) run')
assert log.contains('column "email" of relation "accounts" does not exist')

def postgres = evaluate(new File(itDir, 'shared/postgres.groovy'))
def connection = postgres.connect('migrations_mvnplugin_it_downgrade')
try {
    def rows = connection.createStatement().executeQuery('SELECT version_num FROM alembic_version')
    assert rows.next()
    assert rows.getString(1) == '2b3c4d5e6f70'
    assert !rows.next()
    def columns = connection.createStatement().executeQuery(
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns"
                    + " WHERE table_name = 'accounts'")
    assert columns.next()
    assert columns.getString(1) == 'id,name'
} finally {
    connection.close()
}
postgres.drop('migrations_mvnplugin_it_downgrade')
return true
