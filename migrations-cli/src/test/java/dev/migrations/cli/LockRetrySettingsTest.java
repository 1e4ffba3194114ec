package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ddl-lock-retries} and {@code --ddl-lock-retry-delay}: options over the config file over the defaults. */
class LockRetrySettingsTest {
    @TempDir
    Path dir;

    private static Settings.Given given(Path config, String retries, String delay) {
        return new Settings.Given(
                null, null, null, config, List.of(), null, null, null, null, null, null, null, null, List.of(),
                List.of(), null, null, retries, delay);
    }

    @Test
    void withoutEitherTheRunFailsAtTheFirstLockTimeout() {
        MigrationsConfig config =
                Settings.resolve(given(null, null, null), Map.of()).migrationsConfig();
        assertThat(config.ddlLockRetries()).isZero();
        assertThat(config.ddlLockRetryDelay()).isEqualTo(MigrationsConfig.DEFAULT_DDL_LOCK_RETRY_DELAY);
    }

    @Test
    void theConfigFileGivesThemAndOptionsWin() throws IOException {
        Path file = Files.writeString(
                dir.resolve("application.properties"),
                "migrations.ddl-lock-retries=3\nmigrations.ddl-lock-retry-delay=2s\n");
        MigrationsConfig fromFile =
                Settings.resolve(given(file, null, null), Map.of()).migrationsConfig();
        assertThat(fromFile.ddlLockRetries()).isEqualTo(3);
        assertThat(fromFile.ddlLockRetryDelay()).isEqualTo(Duration.ofSeconds(2));

        MigrationsConfig fromOptions =
                Settings.resolve(given(file, "7", "250ms"), Map.of()).migrationsConfig();
        assertThat(fromOptions.ddlLockRetries()).isEqualTo(7);
        assertThat(fromOptions.ddlLockRetryDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> Settings.resolve(given(null, "-1", null), Map.of()))
                .isInstanceOf(MigrationsException.class)
                .hasMessage("'--ddl-lock-retries' must be a whole number, 0 or more, not '-1'");
        assertThatThrownBy(() -> Settings.resolve(given(null, "lots", null), Map.of()))
                .isInstanceOf(MigrationsException.class)
                .hasMessage("'--ddl-lock-retries' must be a whole number, 0 or more, not 'lots'");
        assertThatThrownBy(() -> Settings.resolve(given(null, null, "soon"), Map.of()))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("'--ddl-lock-retry-delay' must be a duration");
    }
}
