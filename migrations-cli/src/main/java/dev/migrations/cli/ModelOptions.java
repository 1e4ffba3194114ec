package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.spi.ModelSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of {@code revision --autogenerate} and {@code check}: where the model is, what to leave out. */
final class ModelOptions {
    @Option(
            names = "--model",
            paramLabel = "PATH|SCHEME:ARG",
            description = "The wanted schema: a SQL schema file (default: db/schema.sql), or scheme:argument for a"
                    + " model source module, e.g. jpa:com.acme.domain.")
    String model;

    @Option(
            names = "--exclude-table",
            paramLabel = "TABLE",
            description = "A table or view to leave out of the comparison, repeatable; * and ? are wildcards. The"
                    + " version, history and lock tables are always left out.")
    List<String> excludeTables = new ArrayList<>();

    ModelSource source(ClassLoader classLoader) {
        return Migrations.modelSource(model, classLoader);
    }

    Set<String> excluded() {
        return new LinkedHashSet<>(excludeTables);
    }
}
