package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A private in-memory H2 database that outlives its connections, read with plain JDBC. */
final class H2Database {
    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    String url() {
        return url;
    }

    /** The property pointing Spring Boot's DataSource at this database. */
    String property() {
        return "spring.datasource.url=" + url;
    }

    /** An engine for this database over the given locations. */
    MigrationsConfig.Builder engine(String... locations) {
        return Migrations.configure().locations(locations).url(url, "sa", "");
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The first column of every row, as strings. */
    List<String> strings(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** Whether a table exists (names as H2 stores them, upper case). */
    boolean hasTable(String name) throws SQLException {
        return !strings("SELECT table_name FROM information_schema.tables WHERE table_name = '" + name + "'")
                .isEmpty();
    }
}
