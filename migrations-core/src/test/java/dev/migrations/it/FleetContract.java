package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationListener;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetListener;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantOutcome.State;
import dev.migrations.fleet.TenantSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A fleet of schema-per-tenant tenants in one database: every tenant migrated once into its own
 * schema, failures isolated, reruns resumed, reads that create nothing, and connections handed back
 * to a pool as they came.
 */
abstract class FleetContract extends DatabaseContract {

    private Fleet fleet(List<String> tenants, FleetOptions options) {
        return Fleet.of(engine(), TenantLayout.schemaPerTenant(db.dataSource()), TenantSource.of(tenants), options);
    }

    private Fleet fleet(String... tenants) {
        return fleet(List.of(tenants), FleetOptions.defaults().parallelism(2));
    }

    /** The tables of a schema, lower-cased, read with plain JDBC. */
    private List<String> tables(String schema) throws SQLException {
        return db
                .strings("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = '" + schema
                        + "' ORDER BY table_name")
                .stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }

    private List<String> rows(String schema) throws SQLException {
        return db.strings("SELECT version_num FROM " + schema + ".alembic_version");
    }

    @Test
    void upgradeMigratesEveryTenantIntoItsOwnSchemaThenFindsThemAtTheTarget() throws Exception {
        files.linear("r1", "r2");

        FleetResult first = fleet("acme", "globex", "initech").upgrade("head");

        assertThat(first.count(State.MIGRATED)).as(first.summary()).isEqualTo(3);
        for (String tenant : List.of("acme", "globex", "initech")) {
            assertThat(tables(tenant)).contains("t_r1", "t_r2", "alembic_version");
            assertThat(rows(tenant)).containsExactly("r2");
        }
        assertThat(tables("public")).doesNotContain("t_r1", "t_r2", "alembic_version");
        assertThat(first.tenants()).extracting(TenantOutcome::tenant).containsExactly("acme", "globex", "initech");
        assertThat(first.tenants()).allSatisfy(t -> assertThat(t.scriptsRun()).isEqualTo(2));

        FleetResult again = fleet("acme", "globex", "initech").upgrade("head");
        assertThat(again.count(State.AT_TARGET)).as(again.summary()).isEqualTo(3);
        assertThat(again.tenants()).allSatisfy(t -> assertThat(t.current()).containsExactly("r2"));
    }

    @Test
    void aFailingTenantFailsAloneWithTheMessageASingleRunGives() throws Exception {
        files.linear("r1", "r2");
        db.execute("CREATE SCHEMA globex", "CREATE TABLE globex.t_r2 (id INT)");

        FleetResult result = fleet("acme", "globex", "initech").upgrade("head");

        assertThat(result.count(State.MIGRATED)).isEqualTo(2);
        assertThat(result.failed()).singleElement().satisfies(failed -> {
            assertThat(failed.tenant()).isEqualTo("globex");
            assertThat(failed.error())
                    .contains("r2", files.path("r2").getFileName().toString());
        });
        assertThat(rows("acme")).containsExactly("r2");
        assertThat(rows("initech")).containsExactly("r2");
        assertThat(rows("globex")).containsExactly("r1");

        db.execute("DROP TABLE globex.t_r2");
        FleetResult rerun = fleet("acme", "globex", "initech").upgrade("head");
        assertThat(rerun.count(State.AT_TARGET)).isEqualTo(2);
        assertThat(rerun.tenants().get(1).state()).isEqualTo(State.MIGRATED);
        assertThat(rerun.tenants().get(1).scriptsRun()).isEqualTo(1);
    }

    @Test
    void stopOnFailureSkipsTheTenantsNotYetBegun() throws Exception {
        files.linear("r1");
        db.execute("CREATE SCHEMA globex", "CREATE TABLE globex.t_r1 (id INT)");

        FleetResult result = fleet(
                        List.of("acme", "globex", "initech", "umbrella"),
                        FleetOptions.defaults().onFailure(FleetOptions.OnFailure.STOP))
                .upgrade("head");

        assertThat(result.tenants())
                .extracting(TenantOutcome::state)
                .containsExactly(State.MIGRATED, State.FAILED, State.SKIPPED, State.SKIPPED);
        assertThat(tables("initech")).isEmpty();
    }

    @Test
    void aTenantNameThatIsNotAPlainIdentifierFailsNamingItAndTouchesNothing() throws Exception {
        files.linear("r1");

        FleetResult result = fleet("acme", "x; DROP TABLE y", "initech").upgrade("head");

        assertThat(result.failed()).singleElement().satisfies(failed -> assertThat(failed.error())
                .contains("Tenant 'x; DROP TABLE y' is not a plain identifier"));
        assertThat(result.count(State.MIGRATED)).isEqualTo(2);
    }

    @Test
    void statusReadsWithoutCreatingSchemas() throws Exception {
        files.linear("r1", "r2");
        fleet("acme").upgrade("r1");

        FleetResult status = fleet("acme", "globex").status("head");

        assertThat(status.tenants().get(0).state()).isEqualTo(State.PENDING);
        assertThat(status.tenants().get(0).current()).containsExactly("r1");
        assertThat(status.tenants().get(0).pending()).containsExactly("r2");
        assertThat(status.tenants().get(1).state()).isEqualTo(State.PENDING);
        assertThat(status.tenants().get(1).pending()).containsExactly("r1", "r2");
        assertThat(db.strings("SELECT schema_name FROM information_schema.schemata").stream()
                        .map(s -> s.toLowerCase(Locale.ROOT)))
                .doesNotContain("globex");
    }

    @Test
    void startWithModeNoneReportsPendingTenantsAndUpgradeStartsMigrateThem() throws Exception {
        files.linear("r1");

        FleetResult none = fleet("acme", "globex").start(StartOptions.of(StartMode.NONE));
        assertThat(none.count(State.PENDING)).isEqualTo(2);

        FleetResult upgrade = fleet("acme", "globex").start(StartOptions.of(StartMode.UPGRADE));
        assertThat(upgrade.count(State.MIGRATED)).isEqualTo(2);
        assertThat(fleet("acme", "globex")
                        .start(StartOptions.of(StartMode.VALIDATE))
                        .count(State.AT_TARGET))
                .isEqualTo(2);
    }

    @Test
    void downgradeAndStampRunOnEveryTenant() throws Exception {
        files.linear("r1", "r2");
        fleet("acme", "globex").upgrade("head");

        assertThat(fleet("acme", "globex").downgrade("r1").count(State.MIGRATED))
                .isEqualTo(2);
        assertThat(tables("acme")).doesNotContain("t_r2");
        assertThat(fleet("acme", "globex").stamp(List.of("r2")).count(State.MIGRATED))
                .isEqualTo(2);
        assertThat(rows("globex")).containsExactly("r2");
    }

    @Test
    void connectionsGoBackToThePoolWithTheirSchemaAsTheyCame() throws Exception {
        files.linear("r1");
        try (Connection pooled = db.connect()) {
            String before = currentSchema(pooled);
            DataSource pool = oneConnectionPool(pooled);

            FleetResult result = Fleet.of(
                            engine(),
                            TenantLayout.schemaPerTenant(pool),
                            TenantSource.of(List.of("acme", "globex")),
                            FleetOptions.defaults())
                    .upgrade("head");

            assertThat(result.count(State.MIGRATED)).as(result.summary()).isEqualTo(2);
            assertThat(currentSchema(pooled)).isEqualTo(before);
        }
        assertThat(tables("acme")).contains("t_r1");
    }

    @Test
    void theBaseEnginesListenersDoNotHearTheTenantsRuns() throws Exception {
        files.linear("r1");
        List<MigrationResult> heard = Collections.synchronizedList(new ArrayList<>());
        Migrations base = db.configure(scripts)
                .listener(new MigrationListener() {
                    @Override
                    public void runFinished(MigrationResult result) {
                        heard.add(result);
                    }
                })
                .load();

        FleetResult result = Fleet.of(
                        base,
                        TenantLayout.schemaPerTenant(db.dataSource()),
                        TenantSource.of(List.of("acme")),
                        FleetOptions.defaults())
                .upgrade("head");

        assertThat(result.count(State.MIGRATED)).isEqualTo(1);
        assertThat(heard).as("runs the base engine's listener heard").isEmpty();
        base.upgrade("head");
        assertThat(heard).hasSize(1);
    }

    @Test
    void twoRunnersOnTheSameTenantsApplyEachRevisionOnce() throws Exception {
        files.linear("r1", "r2", "r3");
        List<String> tenants = List.of("a1", "a2", "a3", "a4");

        CompletableFuture<FleetResult> one = CompletableFuture.supplyAsync(
                () -> fleet(tenants, FleetOptions.defaults().parallelism(2)).upgrade("head"));
        CompletableFuture<FleetResult> two = CompletableFuture.supplyAsync(() -> fleet(
                        List.of("a4", "a3", "a2", "a1"), FleetOptions.defaults().parallelism(2))
                .upgrade("head"));

        assertThat(one.get().failed()).isEmpty();
        assertThat(two.get().failed()).isEmpty();
        for (String tenant : tenants) {
            assertThat(db.number("SELECT COUNT(*) FROM " + tenant + ".alembic_version_history"))
                    .as("history rows of " + tenant)
                    .isEqualTo(3);
        }
        assertThat(one.get().count(State.MIGRATED) + two.get().count(State.MIGRATED))
                .as("each tenant migrated by exactly one runner")
                .isEqualTo(4);
    }

    @Test
    void shardsTakeEveryTenantExactlyOnce() throws Exception {
        files.linear("r1");
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            tenants.add("t" + i);
        }
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            List<String> mine = fleet(tenants, FleetOptions.defaults().shard(new FleetOptions.Shard(shard, 3)))
                    .tenants();
            assertThat(mine)
                    .as("shard %d of 3 takes a share", shard)
                    .isNotEmpty()
                    .hasSizeLessThan(24);
            seen.addAll(mine);
            all.addAll(mine);
        }
        assertThat(all).hasSize(24);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(tenants);
        assertThat(fleet(tenants, FleetOptions.defaults().shard(FleetOptions.Shard.parse("1/3")))
                        .tenants())
                .as("stable")
                .isEqualTo(fleet(tenants, FleetOptions.defaults().shard(new FleetOptions.Shard(1, 3)))
                        .tenants());
    }

    @Test
    void tenantsComeFromAQueryAndAFailingOrEmptyQueryIsRefused() throws Exception {
        files.linear("r1");
        db.execute("CREATE TABLE tenants (name VARCHAR(40))", "INSERT INTO tenants VALUES ('acme'), ('globex')");
        Migrations engine = engine();
        TenantLayout layout = TenantLayout.schemaPerTenant(db.dataSource());

        FleetResult result = Fleet.of(
                        engine,
                        layout,
                        TenantSource.query(db.dataSource(), "SELECT name FROM tenants ORDER BY name"),
                        FleetOptions.defaults())
                .upgrade("head");
        assertThat(result.tenants()).extracting(TenantOutcome::tenant).containsExactly("acme", "globex");

        assertThatThrownBy(() -> Fleet.of(
                                engine,
                                layout,
                                TenantSource.query(db.dataSource(), "SELECT name FROM no_such_table"),
                                FleetOptions.defaults())
                        .upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("The tenant query failed")
                .hasMessageContaining("SELECT name FROM no_such_table");
        assertThatThrownBy(() -> Fleet.of(
                                engine,
                                layout,
                                TenantSource.query(db.dataSource(), "SELECT name FROM tenants WHERE 1 = 0"),
                                FleetOptions.defaults())
                        .upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("named no tenants");
    }

    @Test
    void theListenerHearsEveryTenantWithTheRunsProgress() throws Exception {
        files.linear("r1");
        List<FleetListener.Progress> heard = Collections.synchronizedList(new ArrayList<>());

        fleet(
                        List.of("a1", "a2", "a3"),
                        FleetOptions.defaults().parallelism(3).listener((outcome, progress) -> heard.add(progress)))
                .upgrade("head");

        assertThat(heard).extracting(FleetListener.Progress::done).containsExactly(1, 2, 3);
        assertThat(heard.get(2).remaining()).isZero();
        assertThat(heard.get(2).total()).isEqualTo(3);
    }

    private String currentSchema(Connection connection) throws SQLException {
        try (var st = connection.createStatement();
                var rs = st.executeQuery(db.kind().equals("h2") ? "SELECT CURRENT_SCHEMA" : "SHOW search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A pool of one connection whose close hands it back instead of closing it, as a pool does. */
    private static DataSource oneConnectionPool(Connection connection) {
        Connection handedOut = (Connection) Proxy.newProxyInstance(
                FleetContract.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                FleetContract.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return handedOut;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
