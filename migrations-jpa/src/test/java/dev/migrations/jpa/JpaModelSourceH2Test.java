package dev.migrations.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The same entities in an embedded H2 scratch schema. */
class JpaModelSourceH2Test {
    @Test
    void entitiesLoadIntoAnH2ScratchSchema() throws SQLException {
        String url = "jdbc:h2:mem:jpa_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA scratch");
            st.execute("SET SCHEMA scratch");

            JpaModelSource.ofPackages(
                            List.of("dev.migrations.jpa.domain"), getClass().getClassLoader())
                    .load(connection, "scratch", "h2");

            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables"
                    + " WHERE table_schema = 'SCRATCH' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsExactly("customers", "purchase_orders");
        }
    }
}
