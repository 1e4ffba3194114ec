package dev.migrations.internal.schema;

import dev.migrations.MigrationsException;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.ModelSourceProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link dev.migrations.Migrations#modelSource}: turns the {@code --model} option into a {@link ModelSource}: a plain path is a schema file; {@code
 * scheme:argument} asks the {@link ModelSourceProvider} of that scheme, found with {@link ServiceLoader}.
 */
public final class ModelSources {
    // Two or more letters, so a Windows drive (C:\...) stays a path.
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(.*)", Pattern.DOTALL);

    private ModelSources() {}

    /**
     * The model source an option names.
     *
     * @param option the option's value, or null for {@code db/schema.sql}
     * @param classLoader where providers and the user's classes are found
     * @throws MigrationsException for an unknown scheme, listing the known ones
     */
    public static ModelSource parse(String option, ClassLoader classLoader) {
        if (option == null || option.isBlank()) {
            return new SchemaFileModelSource(Path.of(SchemaFileModelSource.DEFAULT_PATH));
        }
        Matcher m = SCHEME.matcher(option);
        if (!m.matches() || m.group(1).equalsIgnoreCase("file")) {
            return new SchemaFileModelSource(Path.of(m.matches() ? m.group(2) : option));
        }
        String scheme = m.group(1);
        TreeSet<String> known = new TreeSet<>();
        List<ModelSourceProvider> providers = new ArrayList<>();
        for (ModelSourceProvider provider : ServiceLoader.load(ModelSourceProvider.class, classLoader)) {
            providers.add(provider);
            known.add(provider.scheme());
        }
        for (ModelSourceProvider provider : providers) {
            if (provider.scheme().equalsIgnoreCase(scheme)) {
                return provider.create(m.group(2), classLoader);
            }
        }
        throw new MigrationsException("Unknown model scheme '" + scheme + "' in --model " + option + "; known schemes: "
                + (known.isEmpty() ? "none installed" : String.join(", ", known))
                + " (add the module that provides it, e.g. migrations-jpa for jpa:), or give the path of a schema"
                + " file");
    }
}
