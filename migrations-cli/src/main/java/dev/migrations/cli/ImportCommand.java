package dev.migrations.cli;

import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.FlywayProject;
import dev.migrations.adopt.ImportResult;
import dev.migrations.adopt.LiquibaseChangelog;
import dev.migrations.adopt.Placeholder;
import dev.migrations.adopt.SourceTool;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import flyway|liquibase}: writes a revision script per Flyway migration or Liquibase changeset
 * into the scripts directory, and reports what it could not import.
 */
@Command(
        name = "import",
        description = "Write revision scripts from a Flyway project or a Liquibase changelog (then review them and"
                + " run 'adopt' on each database).")
final class ImportCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "TOOL", description = "flyway or liquibase.")
    SourceTool tool;

    @Option(
            names = "--from",
            paramLabel = "PATH",
            description = "Flyway: a directory of V<version>__<description>.sql scripts, repeatable (default:"
                    + " src/main/resources/db/migration). Liquibase: the root changelog (default:"
                    + " src/main/resources/db/changelog/db.changelog-master.yaml).")
    List<Path> from = new ArrayList<>();

    @Option(
            names = "--placeholder",
            paramLabel = "NAME=VALUE",
            description = "Replace ${NAME} with VALUE in the imported SQL, repeatable; placeholders left are reported.")
    List<String> placeholders = new ArrayList<>();

    @Option(
            names = "--baseline-version",
            paramLabel = "VERSION",
            description = "Flyway only: the project's baselineVersion; scripts at or below it are not imported.")
    String baselineVersion;

    @Option(
            names = "--encoding",
            paramLabel = "CHARSET",
            description = "Flyway only: the scripts' encoding, Flyway's encoding setting (default UTF-8), e.g."
                    + " ISO-8859-1.")
    Charset encoding;

    @Override
    public Integer call() {
        rejectJson();
        List<Placeholder> values = placeholders.stream().map(Placeholder::parse).toList();
        Path target = scriptsDirectory();
        ImportResult result;
        if (tool == SourceTool.FLYWAY) {
            List<Path> locations = from.isEmpty() ? List.of(Path.of("src/main/resources/db/migration")) : from;
            result = Adoption.importFlyway(
                    new FlywayProject(
                            locations, values, baselineVersion, encoding == null ? StandardCharsets.UTF_8 : encoding),
                    target);
        } else {
            if (baselineVersion != null) {
                throw failed("--baseline-version is Flyway's; a Liquibase changelog has no baseline");
            }
            if (encoding != null) {
                throw failed("--encoding is Flyway's; Liquibase reads changelogs as UTF-8 (set an encoding in the"
                        + " changelog's sqlFile instead)");
            }
            if (from.size() > 1) {
                throw failed("give one root changelog with --from; it includes the others");
            }
            Path changelog =
                    from.isEmpty() ? Path.of("src/main/resources/db/changelog/db.changelog-master.yaml") : from.get(0);
            result = Adoption.importLiquibase(new LiquibaseChangelog(changelog, values, ImportCommand::yaml), target);
        }
        for (Path file : result.written()) {
            println("Wrote " + file);
        }
        for (String note : result.notes()) {
            println("NOTE: " + note);
        }
        println("Imported " + result.written().size() + " revision(s) into " + target + ". Review them, then run"
                + " 'migrations adopt " + tool.command() + "' on each database the tool ran on.");
        return 0;
    }

    private static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }
}
