def log = new File(basedir, 'build.log').text
assert log.contains('Up to date.')
assert log.contains('Current: 2b3c4d5e6f70 (head), add email')
assert !log.contains('s3cr3t-never-logged')
assert log.contains('No new upgrade operations detected.')
assert log.contains('New upgrade operations detected: [')
assert log.contains('phone')

def properties = new Properties()
properties.setProperty('user', 'postgres')
def driver = new org.postgresql.Driver()
def connection = driver.connect('jdbc:postgresql://localhost:5432/migrations_mvnplugin_it_upgrade', properties)
try {
    def rows = connection.createStatement().executeQuery('SELECT version_num FROM alembic_version')
    assert rows.next()
    assert rows.getString(1) == '2b3c4d5e6f70'
    assert !rows.next()
    connection.createStatement().executeQuery('SELECT id, name, email FROM accounts').close()
} finally {
    connection.close()
}
def admin = driver.connect('jdbc:postgresql://localhost:5432/postgres', properties)
try {
    admin.createStatement().execute('DROP DATABASE IF EXISTS migrations_mvnplugin_it_upgrade WITH (FORCE)')
} finally {
    admin.close()
}
return true
