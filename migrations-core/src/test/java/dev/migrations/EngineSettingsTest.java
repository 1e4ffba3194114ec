package dev.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

    /** A front end's settings: a record whose components are the interface's methods. */
    record Given(
            List<String> locations,
            String versionTable,
            @Nullable String schema,
            boolean transactionPerMigration,
            Duration lockWaitTimeout,
            @Nullable Duration ddlLockTimeout,
            @Nullable Duration statementTimeout,
            boolean validateChecksums,
            List<String> javaMigrationPackages,
            LockMode lockMode,
            Duration leaseExpiry,
            int ddlLockRetries,
            Duration ddlLockRetryDelay)
            implements EngineSettings {}

    @Test
    void oneCallSetsEverySettingAndReplacesWhatWasSetBefore() {
        Given given = new Given(
                List.of("classpath:db/audit"),
                "audit_version",
                "audit",
                false,
                Duration.ofSeconds(42),
                Duration.ofSeconds(3),
                Duration.ofMinutes(1),
                false,
                List.of("com.example.audit"),
                LockMode.LEASE,
                Duration.ofSeconds(12),
                4,
                Duration.ofMillis(750));

        MigrationsConfig config = MigrationsConfig.builder()
                .versionTable("earlier")
                .javaMigrationPackages("com.example.earlier")
                .settings(given)
                .build();

        // What the chain of single setters, which each front end used to write, gives.
        MigrationsConfig oneByOne = MigrationsConfig.builder()
                .locations("classpath:db/audit")
                .versionTable("audit_version")
                .schema("audit")
                .transactionPerMigration(false)
                .lockWaitTimeout(Duration.ofSeconds(42))
                .ddlLockTimeout(Duration.ofSeconds(3))
                .statementTimeout(Duration.ofMinutes(1))
                .validateChecksums(false)
                .javaMigrationPackages("com.example.audit")
                .lockMode(LockMode.LEASE)
                .leaseExpiry(Duration.ofSeconds(12))
                .ddlLockRetries(4)
                .ddlLockRetryDelay(Duration.ofMillis(750))
                .build();
        assertThat(config).usingRecursiveComparison().isEqualTo(oneByOne);
    }

    @Test
    void theDatabaseAndWhatIsNotASettingStayAsTheyWere() {
        MigrationListener listener = new MigrationListener() {};
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {};
        MigrationsConfig defaults = MigrationsConfig.builder().build();
        Given unchanged = new Given(
                defaults.locations(),
                defaults.versionTable(),
                defaults.schema(),
                defaults.transactionPerMigration(),
                defaults.lockWaitTimeout(),
                defaults.ddlLockTimeout(),
                defaults.statementTimeout(),
                defaults.validateChecksums(),
                defaults.javaMigrationPackages(),
                defaults.lockMode(),
                defaults.leaseExpiry(),
                defaults.ddlLockRetries(),
                defaults.ddlLockRetryDelay());

        MigrationsConfig config = MigrationsConfig.builder()
                .url("jdbc:h2:mem:settings", "sa", "")
                .classLoader(loader)
                .dialect("h2")
                .listener(listener)
                .settings(unchanged)
                .build();

        assertThat(config.dataSource()).isNotNull();
        assertThat(config.classLoader()).isSameAs(loader);
        assertThat(config.dialect()).isEqualTo("h2");
        assertThat(config.listeners()).containsExactly(listener);
    }
}
