// A database of its own: the version and lock tables land in its public schema as in a user's
// project, and dropping it afterwards leaves nothing behind.
def admin = { Closure work ->
    def properties = new Properties()
    properties.setProperty('user', 'postgres')
    def connection = new org.postgresql.Driver().connect('jdbc:postgresql://localhost:5432/postgres', properties)
    try {
        work(connection.createStatement())
    } finally {
        connection.close()
    }
}
admin { it.execute('DROP DATABASE IF EXISTS migrations_mvnplugin_it_downgrade WITH (FORCE)') }
admin { it.execute('CREATE DATABASE migrations_mvnplugin_it_downgrade') }
return true
