package dev.migrations.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.migrations.test.fixtures.BrokenDowngradeFixture;
import dev.migrations.test.fixtures.DataLossFixture;
import dev.migrations.test.fixtures.DataSourceFixture;
import dev.migrations.test.fixtures.GoodFixture;
import dev.migrations.test.fixtures.IrreversibleFixture;
import dev.migrations.test.fixtures.ModelDriftFixture;
import dev.migrations.test.fixtures.NoDowngradeFixture;
import dev.migrations.test.fixtures.RunByKitTests;
import dev.migrations.test.fixtures.TwoHeadsFixture;
import dev.migrations.test.fixtures.UnknownRevisionHookFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs fixture test classes through the JUnit Platform, as a user's build would, against the
 * PostgreSQL server the kit finds (localhost:5432 here), and checks what passes, fails and says what.
 */
class MigrationChecksIT {

    @Test
    void correctRevisionsPassEveryCheck() {
        Map<String, String> outcomes = run(GoodFixture.class);

        assertThat(outcomes)
                .containsEntry("single head", "SUCCESSFUL")
                .containsEntry("upgrade base -> 4d0000000004", "SUCCESSFUL")
                .containsEntry("1a0000000001 create orders: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("2b0000000002 add processed_at: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("3c0000000003 create order events: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("4d0000000004 merge processing and events: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("data seeded before 2b0000000002 survives it", "SUCCESSFUL")
                .containsEntry("model classpath:fixtures/good-model.sql matches the migrations", "SUCCESSFUL");
    }

    @Test
    void modelWithAColumnNoRevisionAddsFailsListingTheChange() {
        Map<String, String> outcomes = run(ModelDriftFixture.class);

        assertThat(outcomes.get("model classpath:fixtures/drifted-model.sql matches the migrations"))
                .isEqualTo("FAILED: The migrations do not build model classpath:fixtures/drifted-model.sql; a new"
                        + " revision would need: add_column orders.note text. Write it with `migrations revision"
                        + " --autogenerate -m \"...\" --model <path of classpath:fixtures/drifted-model.sql>`, or change the"
                        + " model.");
    }

    @Test
    void withoutAModelTheModelCheckIsSkippedSayingHowToConfigureOne() {
        assertThat(run(TwoHeadsFixture.class).get("model (none configured) matches the migrations"))
                .startsWith("ABORTED")
                .contains("set @MigrationTest(model = \"filesystem:db/schema.sql\")");
    }

    @Test
    void downgradeThatForgetsAColumnFailsNamingRevisionFileAndDifference() {
        Map<String, String> outcomes = run(BrokenDowngradeFixture.class);

        assertThat(outcomes.get("2b0000000002 add processed_at, with a downgrade that forgets the column:"
                        + " upgrade, downgrade, upgrade"))
                .isEqualTo(
                        "FAILED: Revision 2b0000000002 (classpath:fixtures/broken/2b0000000002_add_processed_at.sql):"
                                + " downgrade does not restore the schema: table orders still has column processed_at"
                                + " (timestamp without time zone)");
        // The walk goes on past the broken revision on a new database: the others are still checked.
        assertThat(outcomes)
                .containsEntry("1a0000000001 create orders: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("3c0000000003 create order events: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("4d0000000004 merge processing and events: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("upgrade base -> 4d0000000004", "SUCCESSFUL");
    }

    @Test
    void severalHeadsFailTheSingleHeadCheckWithTheMergeAdvice() {
        Map<String, String> outcomes = run(TwoHeadsFixture.class);

        assertThat(outcomes.get("single head"))
                .startsWith("FAILED: The revisions have 2 heads: 2b0000000002 (add processed_at,")
                .contains("3c0000000003 (create order events,")
                .endsWith("Run `migrations merge heads -m \"merge\"` to join them into one.");
        assertThat(outcomes).containsEntry("upgrade base -> 2b0000000002, 3c0000000003", "SUCCESSFUL");
    }

    @Test
    void seededDataLostByARevisionFailsNamingTheRevision() {
        Map<String, String> outcomes = run(DataLossFixture.class);

        assertThat(outcomes.get("data seeded before 2b0000000002 survives it"))
                .isEqualTo("FAILED: Revision 2b0000000002 (classpath:fixtures/lossy/2b0000000002_add_processed_at.sql):"
                        + " seeded data did not survive: expected the 2 seeded orders, found 0");
    }

    @Test
    void revisionWithoutDowngradeFailsUnlessMarkedIrreversible() {
        String check = "2b0000000002 add processed_at, without a downgrade: upgrade, downgrade, upgrade";

        assertThat(run(NoDowngradeFixture.class).get(check))
                .startsWith(
                        "FAILED: Revision 2b0000000002 (classpath:fixtures/nodowngrade/2b0000000002_add_processed_at.sql):"
                                + " downgrade fails: ")
                .contains("has no '-- migrate:downgrade' section");
        Map<String, String> irreversible = run(IrreversibleFixture.class);
        assertThat(irreversible.get(check)).startsWith("ABORTED").contains("marked irreversible");
        assertThat(irreversible)
                .containsEntry("3c0000000003 create order events: upgrade, downgrade, upgrade", "SUCCESSFUL")
                .containsEntry("4d0000000004 merge processing and events: upgrade, downgrade, upgrade", "SUCCESSFUL");
    }

    @Test
    void inAGivenDataSourceEachCheckRunsInASchemaOfItsOwn() throws SQLException {
        PostgresServer server = server();
        try (FreshDatabase database = server.create()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(database.url());
            dataSource.setUser(server.user());
            dataSource.setPassword(server.password());
            DataSourceFixture.DATA_SOURCE.set(dataSource);

            Map<String, String> outcomes = run(DataSourceFixture.class);

            assertThat(outcomes.get("2b0000000002 add processed_at, with a downgrade that forgets the column:"
                            + " upgrade, downgrade, upgrade"))
                    .isEqualTo("FAILED: Revision 2b0000000002"
                            + " (classpath:fixtures/broken/2b0000000002_add_processed_at.sql): downgrade does not"
                            + " restore the schema: table orders still has column processed_at (timestamp without"
                            + " time zone)");
            assertThat(outcomes)
                    .containsEntry("upgrade base -> 4d0000000004", "SUCCESSFUL")
                    .containsEntry("3c0000000003 create order events: upgrade, downgrade, upgrade", "SUCCESSFUL");
            try (Connection connection = database.connect();
                    Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'mig%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("schemas left behind").isZero();
            }
        }
    }

    @Test
    void hookNamingAnUnknownRevisionFailsNamingMethodAndRevision() {
        assertThat(run(UnknownRevisionHookFixture.class).get("seeding hooks"))
                .startsWith("FAILED: seed names revision 'ffff00000000', which is not usable: ")
                .contains("ffff00000000");
    }

    @Test
    void checksDropTheirDatabases() throws SQLException {
        List<String> before = testDatabases();

        run(BrokenDowngradeFixture.class);

        assertThat(testDatabases()).isEqualTo(before);
    }

    /** Each test's display name with its status, and the failure or abort message when there is one. */
    private static Map<String, String> run(Class<?> fixture) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(RunByKitTests.Condition.PARAMETER, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
        Map<String, String> outcomes = new TreeMap<>();
        for (Event event : tests.finished().list()) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            String outcome = result.getStatus().name()
                    + result.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
            outcomes.put(event.getTestDescriptor().getDisplayName(), outcome);
        }
        return outcomes;
    }

    private static PostgresServer server() {
        return ServerLocator.locate(new KitSettings(
                List.of("classpath:fixtures/good"),
                null,
                null,
                null,
                "v",
                null,
                List.of(),
                MigrationChecksIT.class.getClassLoader(),
                null));
    }

    private static List<String> testDatabases() throws SQLException {
        PostgresServer server = server();
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect(server.url());
                Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'mig\\_check\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
