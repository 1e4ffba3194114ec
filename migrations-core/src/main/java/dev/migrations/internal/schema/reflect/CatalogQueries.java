package dev.migrations.internal.schema.reflect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Runs the catalog queries of a reflector: each takes the schema as its one parameter, or none. */
final class CatalogQueries {
    private final Connection connection;

    CatalogQueries(Connection connection) {
        this.connection = connection;
    }

    /** Handles one row of a catalog query. */
    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /** Runs a query about one schema, row by row. */
    void query(String sql, String schema, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        }
    }

    /** The one value of a query without parameters, e.g. the current schema. */
    String single(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
