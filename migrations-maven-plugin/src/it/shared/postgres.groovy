// What the projects that use PostgreSQL on localhost:5432 (user postgres, as CI's .ci/run provides)
// share; their selector, setup and verify scripts evaluate this file (itDir is a script variable
// of the invoker's configuration) and call the closures it returns.
def properties = { ->
    def p = new Properties()
    p.setProperty('user', 'postgres')
    p.setProperty('connectTimeout', '5')
    p
}
def connect = { String database -> new org.postgresql.Driver().connect('jdbc:postgresql://localhost:5432/' + database, properties()) }
def admin = { Closure work ->
    def connection = connect('postgres')
    try {
        work(connection.createStatement())
    } finally {
        connection.close()
    }
}
[
    // Without a server the invoker reports the project as skipped instead of failing the build of a
    // machine that has none, except under MIGRATIONS_CI=true, where a missing server is CI's failure to see.
    available: { String project ->
        try {
            connect('postgres').close()
            return true
        } catch (java.sql.SQLException e) {
            if (System.getenv('MIGRATIONS_CI') == 'true') {
                throw new IllegalStateException("MIGRATIONS_CI=true and no PostgreSQL on localhost:5432: ${e.message}", e)
            }
            println "No PostgreSQL on localhost:5432 (${e.message}): ${project} skipped"
            return false
        }
    },
    // A database of the project's own: the version and lock tables land in its public schema as in a
    // user's project, and dropping it afterwards leaves nothing behind.
    recreate: { String database ->
        admin { it.execute("DROP DATABASE IF EXISTS ${database} WITH (FORCE)".toString()) }
        admin { it.execute("CREATE DATABASE ${database}".toString()) }
    },
    drop: { String database -> admin { it.execute("DROP DATABASE IF EXISTS ${database} WITH (FORCE)".toString()) } },
    connect: connect,
]
