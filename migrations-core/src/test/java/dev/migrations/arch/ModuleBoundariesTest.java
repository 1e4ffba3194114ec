package dev.migrations.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries DESIGN.md and STYLE.md draw around the engine's packages. */
class ModuleBoundariesTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.migrations");
    }

    @Test
    void coreDoesNotDependOnSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(core);
    }

    @Test
    void revisionGraphKnowsNothingOfJdbcFilesOrScripts() {
        noClasses()
                .that()
                .resideInAPackage("dev.migrations.internal.graph..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "java.nio.file..",
                        "dev.migrations.internal.script..",
                        "dev.migrations.internal.runtime..",
                        "dev.migrations.internal.dialect..",
                        "dev.migrations.internal.offline..")
                .check(core);
    }

    @Test
    void dialectsAreSqlStringsAndLocksOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.migrations.internal.dialect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.migrations.internal.runtime..",
                        "dev.migrations.internal.graph..",
                        "dev.migrations.internal.offline..")
                .check(core);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("dev.migrations.(**)")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.migrations"))
                .check(core);
    }

    @Test
    void revisionGraphKnowsNothingOfTheSchemaModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.migrations.internal.graph..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.migrations.internal.schema..", "dev.migrations.spi.model..")
                .check(core);
    }

    @Test
    void schemaModelAndOperationsNeedNoConnection() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.migrations.spi.model..", "dev.migrations.internal.schema.diff..")
                .or()
                .haveFullyQualifiedName("dev.migrations.spi.Operations")
                .or()
                .haveFullyQualifiedName("dev.migrations.internal.schema.DialectOperations")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "dev.migrations.internal.runtime..")
                .check(core);
    }

    @Test
    void apiPackagesDeclareTheirNullContracts() {
        // NullAway checks only @NullMarked packages: an API package without it would silently lose the check.
        for (Class<?> api : List.of(dev.migrations.Migrations.class, dev.migrations.spi.JavaMigration.class)) {
            assertThat(api.getPackage().isAnnotationPresent(NullMarked.class))
                    .as(api.getPackageName() + " is @NullMarked")
                    .isTrue();
        }
    }
}
