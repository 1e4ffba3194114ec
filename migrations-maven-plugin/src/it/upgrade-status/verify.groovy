def log = new File(basedir, 'build.log').text
assert log.contains('Up to date.')
assert log.contains('Current: 2b3c4d5e6f70 (head), add email')
assert !log.contains('s3cr3t-never-logged')
assert log.contains('No new upgrade operations detected.')
assert log.contains('New upgrade operations detected: [')
assert log.contains('phone')

def postgres = evaluate(new File(itDir, 'shared/postgres.groovy'))
def connection = postgres.connect('migrations_mvnplugin_it_upgrade')
try {
    def rows = connection.createStatement().executeQuery('SELECT version_num FROM alembic_version')
    assert rows.next()
    assert rows.getString(1) == '2b3c4d5e6f70'
    assert !rows.next()
    connection.createStatement().executeQuery('SELECT id, name, email FROM accounts').close()
} finally {
    connection.close()
}
postgres.drop('migrations_mvnplugin_it_upgrade')
return true
