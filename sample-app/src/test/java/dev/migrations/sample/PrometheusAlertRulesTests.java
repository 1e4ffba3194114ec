package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped alert rules and runs their unit tests with {@code promtool} (Debian: {@code
 * apt-get install prometheus}); skipped when {@code promtool} is not on the PATH, except under CI
 * ({@code MIGRATIONS_CI=true}, which {@code .ci/run} exports after installing it), where they fail.
 */
class PrometheusAlertRulesTests {
    private static final Path RULES = MonitoringQueries.RULES;
    private static final Path TESTS = Path.of("src/test/prometheus/migrations-alerts-test.yml");

    private static Optional<Path> promtool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips the test without promtool, or fails it under CI, where the rules must be checked. */
    private static void requirePromtool() {
        if (promtool().isPresent()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("MIGRATIONS_CI"))) {
            fail("promtool is not on the PATH, and under CI (MIGRATIONS_CI=true) the alert-rule tests must run:"
                    + " install it (Debian: apt-get install prometheus), as .ci/run does");
        }
        Assumptions.abort("promtool is not on the PATH");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Path promtool = promtool().orElseThrow();
        List<String> argv = new ArrayList<>();
        argv.add(promtool.toString());
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("promtool %s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        requirePromtool();
        assertThat(run("check", "rules", RULES.toString())).contains("SUCCESS: 6 rules found");
    }

    @Test
    void eachAlertFiresWhenItShouldAndOnlyThen() throws Exception {
        requirePromtool();
        assertThat(run("test", "rules", TESTS.toString())).contains("SUCCESS");
    }
}
