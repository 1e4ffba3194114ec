package dev.migrations.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsException;
import dev.migrations.cli.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalParametersTest {
    @TempDir
    Path project;

    private GoalParameters parameters(
            @Nullable String url, @Nullable String user, List<String> locations, @Nullable File configFile) {
        return new GoalParameters(
                url, user, null, locations, null, null, configFile, null, List.of(), List.of(), project);
    }

    private File config(String text) throws IOException {
        Path file = project.resolve("application.properties");
        Files.writeString(file, text);
        return file.toFile();
    }

    @Test
    void withNothingGivenScriptsAreInTheProjectsResources() {
        Settings settings = parameters(null, null, List.of(), null).resolve(Map.of());

        assertThat(settings.url()).isNull();
        assertThat(settings.locations())
                .containsExactly("filesystem:" + project.resolve("src/main/resources/db/migrations"));
        assertThat(settings.versionTable()).isEqualTo("alembic_version");
    }

    @Test
    void explicitParametersWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
        File file = config("""
                spring.datasource.url=jdbc:postgresql://file/db
                spring.datasource.username=file-user
                spring.datasource.password=file-secret
                """);
        Map<String, String> env = Map.of("MIGRATIONS_URL", "jdbc:postgresql://env/db", "MIGRATIONS_USER", "env-user");

        Settings settings =
                parameters("jdbc:postgresql://pom/db", null, List.of(), file).resolve(env);

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://pom/db");
        assertThat(settings.user()).isEqualTo("env-user");
        assertThat(settings.password()).isEqualTo("file-secret");
    }

    @Test
    void blankParametersCountAsNotGiven() throws IOException {
        File file = config("spring.datasource.url=jdbc:postgresql://file/db\n");

        Settings settings = parameters(" ", "", List.of(" "), file).resolve(Map.of());

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://file/db");
        assertThat(settings.user()).isNull();
        assertThat(settings.locations()).hasSize(1);
    }

    @Test
    void aSeparateMigrationConnectionInTheConfigFileWinsOverTheApplications() throws IOException {
        File file = config("""
                spring.datasource.url=jdbc:postgresql://app/db
                migrations.url=jdbc:postgresql://owner/db
                migrations.user=owner
                """);

        Settings settings = parameters(null, null, List.of(), file).resolve(Map.of());

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://owner/db");
        assertThat(settings.user()).isEqualTo("owner");
    }

    @Test
    void relativeLocationsAreTakenFromTheProjectDirectory() throws IOException {
        File file = config("migrations.locations=db/from-file,classpath:db/cp\nmigrations.version-table=versions\n");

        Settings fromFile = parameters(null, null, List.of(), file).resolve(Map.of());
        Settings fromPom = parameters(null, null, List.of("filesystem:scripts", "/abs/scripts"), file)
                .resolve(Map.of());

        assertThat(fromFile.locations())
                .containsExactly("filesystem:" + project.resolve("db/from-file"), "classpath:db/cp");
        assertThat(fromFile.versionTable()).isEqualTo("versions");
        assertThat(fromPom.locations()).containsExactly("filesystem:" + project.resolve("scripts"), "/abs/scripts");
    }

    @Test
    void yamlProfilesApplyAsForTheCommandLine() throws IOException {
        Path yaml = project.resolve("application.yml");
        Files.writeString(yaml, """
                spring:
                  datasource:
                    url: jdbc:h2:mem:default
                ---
                spring:
                  config:
                    activate:
                      on-profile: prod
                  datasource:
                    url: jdbc:postgresql://prod/db
                """);

        Settings prod =
                parameters(null, null, List.of(), yaml.toFile()).resolve(Map.of("SPRING_PROFILES_ACTIVE", "prod"));
        Settings other = parameters(null, null, List.of(), yaml.toFile()).resolve(Map.of());

        assertThat(prod.url()).isEqualTo("jdbc:postgresql://prod/db");
        assertThat(other.url()).isEqualTo("jdbc:h2:mem:default");
    }

    @Test
    void aMissingConfigFileFailsWithTheCommandLinesMessage() {
        File missing = project.resolve("nope.properties").toFile();

        assertThatThrownBy(() -> parameters(null, null, List.of(), missing).resolve(Map.of()))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("does not exist or is not a file");
    }

    @Test
    void thePasswordIsNotInTheTextOfTheParametersOrTheSettings() {
        GoalParameters parameters = new GoalParameters(
                "jdbc:postgresql://h/db",
                "u",
                "hunter2",
                List.of(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                project);

        assertThat(parameters.toString()).doesNotContain("hunter2");
        assertThat(parameters.resolve(Map.of()).toString()).doesNotContain("hunter2");
    }

    @Test
    void failOnTakesTheSeveritiesAndNone() {
        assertThat(LintMojo.threshold("none")).isEqualTo(dev.migrations.Severity.OFF);
        assertThat(LintMojo.threshold("WARNING")).isEqualTo(dev.migrations.Severity.WARNING);
        assertThatThrownBy(() -> LintMojo.threshold("off"))
                .hasMessage("failOn must be error, warning, info or none, not 'off'");
    }

    @Test
    void aModelFileIsTakenFromTheProjectDirectoryAndASchemeIsPassedOn() {
        assertThat(ModelGoal.modelOption(null, project))
                .isEqualTo(project.resolve("db/schema.sql").toString());
        assertThat(ModelGoal.modelOption("model/s.sql", project))
                .isEqualTo(project.resolve("model/s.sql").toString());
        assertThat(ModelGoal.modelOption("jpa:com.acme.domain", project)).isEqualTo("jpa:com.acme.domain");
    }
}
