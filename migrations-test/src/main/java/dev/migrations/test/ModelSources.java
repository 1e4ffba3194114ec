package dev.migrations.test;

import dev.migrations.schema.ModelSource;
import dev.migrations.schema.ModelSourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Turns the {@code model} setting into a {@link ModelSource}: a SQL file ({@code classpath:} or
 * {@code filesystem:} prefixed, or a plain path ending in {@code .sql}) is run as one script; any other
 * scheme ({@code jpa:com.acme.domain}) goes to the {@link ModelSourceProvider} registered for it.
 */
final class ModelSources {
    private ModelSources() {}

    static ModelSource of(String model, ClassLoader classLoader) {
        int colon = model.indexOf(':');
        String scheme = colon < 0 ? "" : model.substring(0, colon);
        String argument = colon < 0 ? model : model.substring(colon + 1);
        if (scheme.equals("classpath")) {
            return new SqlFile(model, () -> classpathText(argument, classLoader));
        }
        if (scheme.equals("filesystem") || (scheme.isEmpty() && model.endsWith(".sql"))) {
            return new SqlFile(model, () -> Files.readString(Path.of(argument), StandardCharsets.UTF_8));
        }
        List<String> known = new ArrayList<>(List.of("classpath", "filesystem"));
        for (ModelSourceProvider provider : ServiceLoader.load(ModelSourceProvider.class, classLoader)) {
            if (provider.scheme().equals(scheme)) {
                return provider.create(argument, classLoader);
            }
            known.add(provider.scheme());
        }
        throw new IllegalStateException("No model source for '" + model + "': known schemes are " + known
                + "; add the module that provides '" + scheme + ":' to the test class path, or give a SQL file");
    }

    private static String classpathText(String resource, ClassLoader classLoader) throws IOException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("classpath:" + name + " does not exist");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads the file's text. */
    private interface Text {
        String read() throws IOException;
    }

    /** A SQL file of {@code CREATE} statements, run as one script (PostgreSQL's driver splits it). */
    private record SqlFile(String name, Text text) implements ModelSource {
        @Override
        public String describe() {
            return name;
        }

        @Override
        public void load(Connection connection, String scratchSchema, String dialect) throws SQLException {
            String sql;
            try {
                sql = text.read();
            } catch (IOException e) {
                throw new SQLException("Could not read model " + name + ": " + e.getMessage(), e);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
        }
    }
}
