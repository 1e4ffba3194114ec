package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.LockMode;
import dev.migrations.MigrationsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MIGRATIONS_*} variables configure every {@code migrations.*} setting (what a container
 * gets instead of a file), between the options, which win, and {@code --config}.
 */
class SettingsEnvironmentTest {
    @TempDir
    Path dir;

    private static Settings.Given given(Path config, List<String> locations, String lockWaitTimeout) {
        return new Settings.Given(
                null,
                null,
                null,
                config,
                locations,
                null,
                null,
                null,
                null,
                lockWaitTimeout,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null);
    }

    @Test
    void variablesSetWhatTheConfigFileWouldHave() {
        Settings settings = Settings.resolve(
                given(null, List.of(), null),
                Map.of(
                        "MIGRATIONS_LOCATIONS", "filesystem:/scripts/shared, filesystem:/scripts/orders",
                        "MIGRATIONS_VERSION_TABLE", "orders_version",
                        "MIGRATIONS_SCHEMA", "orders",
                        "MIGRATIONS_LOCK_WAIT_TIMEOUT", "45s",
                        "MIGRATIONS_LOCK_MODE", "lease",
                        "MIGRATIONS_TRANSACTION_PER_MIGRATION", "false",
                        "MIGRATIONS_VALIDATE_CHECKSUMS", "false",
                        "MIGRATIONS_JAVA_PACKAGES", "com.example.migrations"));

        assertThat(settings.locations()).containsExactly("filesystem:/scripts/shared", "filesystem:/scripts/orders");
        assertThat(settings.versionTable()).isEqualTo("orders_version");
        assertThat(settings.schema()).isEqualTo("orders");
        assertThat(settings.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.lockMode()).isEqualTo(LockMode.LEASE);
        assertThat(settings.transactionPerMigration()).isFalse();
        assertThat(settings.validateChecksums()).isFalse();
        assertThat(settings.javaMigrationPackages()).containsExactly("com.example.migrations");
    }

    @Test
    void optionsWinOverVariablesWhichWinOverTheConfigFile() throws IOException {
        Path config = Files.writeString(
                dir.resolve("application.properties"),
                "migrations.locations=filesystem:/from-file\nmigrations.lock-wait-timeout=5m\n");
        Map<String, String> env = Map.of("MIGRATIONS_LOCATIONS", "filesystem:/from-env");

        assertThat(Settings.resolve(given(config, List.of(), null), env).locations())
                .containsExactly("filesystem:/from-env");
        assertThat(Settings.resolve(given(config, List.of("filesystem:/from-option"), null), env)
                        .locations())
                .containsExactly("filesystem:/from-option");
        Settings fileOnly = Settings.resolve(given(config, List.of(), null), Map.of());
        assertThat(fileOnly.locations()).containsExactly("filesystem:/from-file");
        assertThat(fileOnly.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(Settings.resolve(given(config, List.of(), "1m"), Map.of("MIGRATIONS_LOCK_WAIT_TIMEOUT", "2m"))
                        .lockWaitTimeout())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBadValueInAVariableIsReportedWithTheSettingItSets() {
        assertThatThrownBy(() -> Settings.resolve(
                        given(null, List.of(), null), Map.of("MIGRATIONS_VALIDATE_CHECKSUMS", "sometimes")))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("MIGRATIONS_VALIDATE_CHECKSUMS")
                .hasMessageContaining("'sometimes'");
    }
}
