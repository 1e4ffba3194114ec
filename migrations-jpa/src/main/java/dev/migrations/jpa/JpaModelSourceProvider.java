package dev.migrations.jpa;

import dev.migrations.MigrationsException;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.ModelSourceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code jpa} scheme of {@code --model}: {@code jpa:com.acme.domain,com.acme.billing} scans the
 * listed packages (with subpackages) for entities. Registered through {@code META-INF/services}.
 */
public final class JpaModelSourceProvider implements ModelSourceProvider {
    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public JpaModelSourceProvider() {}

    @Override
    public String scheme() {
        return "jpa";
    }

    @Override
    public ModelSource create(String argument, ClassLoader classLoader) {
        List<String> packages = new ArrayList<>();
        for (String part : argument.split(",", -1)) {
            if (!part.isBlank()) {
                packages.add(part.strip());
            }
        }
        if (packages.isEmpty()) {
            throw new MigrationsException("--model jpa: needs the packages of the entities, e.g."
                    + " --model jpa:com.acme.domain (several separated by commas)");
        }
        return JpaModelSource.ofPackages(packages, classLoader);
    }
}
