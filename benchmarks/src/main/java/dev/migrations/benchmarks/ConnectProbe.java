package dev.migrations.benchmarks;

import java.sql.Connection;
import org.slf4j.LoggerFactory;

/**
 * The floor a command-line run is measured against: a JVM on the CLI jar's classpath that starts its
 * logging back-end, opens one connection and exits. {@code java -cp <cli jar>:<benchmark classes>
 * ConnectProbe <jdbc url> <user or ->}; the password, if any, in {@code MIGRATIONS_BENCH_PASSWORD}.
 */
public final class ConnectProbe {
    private ConnectProbe() {}

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(ConnectProbe.class).debug("probe");
        try (Connection connection = JdbcLoop.connect(args[0], args[1])) {
            connection.isValid(5);
        }
    }
}
