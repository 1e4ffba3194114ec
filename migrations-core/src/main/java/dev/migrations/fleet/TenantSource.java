package dev.migrations.fleet;

import dev.migrations.MigrationsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where the tenants come from: a fixed list, a query against a control database, or the
 * application's own code. Called once per fleet run; names must be plain identifiers (letters,
 * digits, {@code _}, not starting with a digit), since they become schema or database names.
 */
@FunctionalInterface
public interface TenantSource {

    /** The tenants' names, in the order to run them. */
    List<String> tenants();

    /** A fixed list. */
    static TenantSource of(List<String> tenants) {
        List<String> copy = List.copyOf(tenants);
        return () -> copy;
    }

    /**
     * The first column of every row a query returns, e.g. {@code SELECT name FROM tenants WHERE active
     * ORDER BY name}.
     *
     * @param control the database the query runs on
     * @param sql the query; it takes no parameters
     */
    static TenantSource query(DataSource control, String sql) {
        return () -> {
            try (Connection connection = control.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet rows = statement.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            } catch (SQLException e) {
                throw new MigrationsException(
                        "The tenant query failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + "); query: "
                                + sql + ". Check the query and the control database it runs on.",
                        e);
            }
        };
    }
}
