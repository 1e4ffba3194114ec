package dev.migrations.maven;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.migrations.cli.Settings;
import org.junit.jupiter.api.Test;

/** The plugin is a client of the engine's API, and takes from the command line only its settings resolution. */
class PluginUsesOnlyTheApiTest {
    @Test
    void usesOnlyTheApiAndTheCliSettings() {
        noClasses()
                .that()
                .resideInAPackage("dev.migrations.maven..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.migrations..")
                        .and(not(resideInAnyPackage(
                                "dev.migrations",
                                "dev.migrations.fleet..",
                                "dev.migrations.spi..",
                                "dev.migrations.maven..")))
                        .and(not(type(Settings.class)))
                        .and(not(type(Settings.Given.class))))
                .because("the goals are the CLI's commands over Migrations: what they need belongs in the API"
                        + " (dev.migrations, dev.migrations.fleet, dev.migrations.spi); from the CLI they reuse only"
                        + " Settings, so options and parameters resolve the same way")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.migrations"));
    }
}
