// Needs PostgreSQL on localhost:5432 (user postgres), as CI's .ci/run provides; without one the
// invoker reports this project as skipped instead of failing the build of a machine that has none.
def properties = new Properties()
properties.setProperty('user', 'postgres')
properties.setProperty('connectTimeout', '5')
try {
    new org.postgresql.Driver().connect('jdbc:postgresql://localhost:5432/postgres', properties).close()
    return true
} catch (java.sql.SQLException e) {
    println "No PostgreSQL on localhost:5432 (${e.message}): upgrade-status skipped"
    return false
}
