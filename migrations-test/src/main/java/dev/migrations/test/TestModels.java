package dev.migrations.test;

import dev.migrations.Migrations;
import dev.migrations.internal.schema.SchemaFileModelSource;
import dev.migrations.spi.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Turns the {@code model} setting into a {@link ModelSource}. Tests name files the way the engine's
 * locations do, so {@code classpath:} and {@code filesystem:} prefixes are read here as schema files;
 * everything else ({@code db/schema.sql}, {@code jpa:com.acme.domain}) means what {@code check --model}
 * makes of it.
 */
final class TestModels {
    private TestModels() {}

    static ModelSource of(String model, ClassLoader classLoader) {
        if (model.startsWith("filesystem:")) {
            return new SchemaFileModelSource(Path.of(model.substring("filesystem:".length())));
        }
        if (model.startsWith("classpath:")) {
            return new SchemaFileModelSource(classpathFile(model.substring("classpath:".length()), classLoader));
        }
        return Migrations.modelSource(model, classLoader);
    }

    /** The resource as a file: itself when on disk, else a temporary copy (a resource inside a jar). */
    private static Path classpathFile(String resource, ClassLoader classLoader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        URL url = classLoader.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Model classpath:" + name + " does not exist; put the schema file in"
                    + " src/test/resources or src/main/resources, or fix @MigrationTest(model)");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("migrations-model-", ".sql");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Could not read model classpath:" + name + ": " + e.getMessage(), e);
        }
    }
}
