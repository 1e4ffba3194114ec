package dev.migrations.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.migrations.Migrations;
import dev.migrations.adopt.Adoption;
import dev.migrations.fleet.Fleet;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries DESIGN.md and STYLE.md draw around the engine's packages: the API is {@code
 * dev.migrations} (the facade, its requests, results, exceptions and listener) and {@code
 * dev.migrations.spi} (what user code implements or receives); everything else is in {@code
 * dev.migrations.internal} packages.
 */
class ModuleBoundariesTest {
    private static final String ROOT = "dev.migrations";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void coreDoesNotDependOnSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("the engine runs from the CLI, tests and any framework; Spring belongs to the starter")
                .check(core);
    }

    @Test
    void noPackageCyclesRootIncluded() {
        slices().assignedFrom(EVERY_PACKAGE)
                .should()
                .beFreeOfCycles()
                .ignoreDependency(equivalentTo(Migrations.class), resideInAPackage("dev.migrations.internal.command"))
                .ignoreDependency(equivalentTo(Fleet.class), resideInAPackage("dev.migrations.internal.fleet"))
                .ignoreDependency(equivalentTo(Adoption.class), resideInAPackage("dev.migrations.internal.adopt"))
                .because("packages depend one way, the API and the SPI included; the inherent exceptions are the"
                        + " facades (Migrations, Fleet, Adoption) handing each verb to their internal command package, whose"
                        + " classes return the API's records and throw its exceptions")
                .check(core);
    }

    @Test
    void spiDependsOnlyOnTheApi() {
        classes()
                .that()
                .resideInAPackage("dev.migrations.spi..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(ROOT, "dev.migrations.spi..", "java..", "org.jspecify..")
                .because("user code compiles against the SPI: a Java migration or a model source must not see,"
                        + " or be broken by changes to, the engine's internals")
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
                .because("the graph is pure revision arithmetic, tested and fuzzed without a database or files")
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
                .because("a dialect renders SQL and takes locks; what runs when is the runtime's business")
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
                .because("revisions are ordered by their ids alone; schemas are autogenerate's concern")
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
                .because("the same model, diff and DDL serve online runs, offline SQL and autogenerate, so they"
                        + " work without a connection")
                .check(core);
    }

    @Test
    void apiPackagesDeclareTheirNullContracts() {
        // NullAway checks only @NullMarked packages: an API package without it would silently lose the check.
        for (Class<?> api : List.of(
                Migrations.class,
                Fleet.class,
                Adoption.class,
                dev.migrations.spi.JavaMigration.class,
                dev.migrations.spi.model.SchemaModel.class)) {
            assertThat(api.getPackage().isAnnotationPresent(NullMarked.class))
                    .as(api.getPackageName() + " is @NullMarked")
                    .isTrue();
        }
    }

    /** Each package of the engine is a slice, {@code dev.migrations} itself included. */
    private static final SliceAssignment EVERY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of dev.migrations, the root package included";
        }
    };
}
