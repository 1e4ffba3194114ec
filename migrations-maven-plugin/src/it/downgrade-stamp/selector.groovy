// Needs PostgreSQL on localhost:5432 (user postgres), as CI's .ci/run provides; without one the
// invoker reports this project as skipped instead of failing the build of a machine that has none,
// except under MIGRATIONS_CI=true, where a missing server is CI's failure to see.
def properties = new Properties()
properties.setProperty('user', 'postgres')
properties.setProperty('connectTimeout', '5')
try {
    new org.postgresql.Driver().connect('jdbc:postgresql://localhost:5432/postgres', properties).close()
    return true
} catch (java.sql.SQLException e) {
    if (System.getenv('MIGRATIONS_CI') == 'true') {
        throw new IllegalStateException("MIGRATIONS_CI=true and no PostgreSQL on localhost:5432: ${e.message}", e)
    }
    println "No PostgreSQL on localhost:5432 (${e.message}): upgrade-status skipped"
    return false
}
