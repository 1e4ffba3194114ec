package dev.migrations.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
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
        Properties props = new Properties();
        if (!args[1].equals("-")) {
            props.setProperty("user", args[1]);
        }
        String password = System.getenv("MIGRATIONS_BENCH_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(args[0], props)) {
            connection.isValid(5);
        }
    }
}
