package dev.migrations.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI is a client of the engine's API like any other. */
class CliUsesOnlyTheApiTest {
    @Test
    void usesOnlyTheApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.migrations.cli..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.migrations..")
                        .and(not(resideInAnyPackage(
                                "dev.migrations",
                                "dev.migrations.fleet..",
                                "dev.migrations.adopt..",
                                "dev.migrations.spi..",
                                "dev.migrations.cli.."))))
                .because(
                        "the CLI is the user's commands over Migrations: what it needs belongs in the API (dev.migrations,"
                                + " dev.migrations.fleet, dev.migrations.adopt and dev.migrations.spi), so the engine's"
                                + " internals stay free to change")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.migrations"));
    }
}
