package dev.migrations.test;

import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the kit checks and where: the scripts, the server, the version table, the model.
 *
 * @param locations where the revision scripts live
 * @param url the server's JDBC URL, or null to look for one
 * @param user the server's user, or null
 * @param password the user's password, or null
 * @param versionTable the version table's name
 * @param model the model for the model check, or null to skip it
 * @param irreversible revisions that deliberately cannot be downgraded
 * @param classLoader where {@code classpath:} locations are found
 * @param dataSource a DataSource the test gave (checks then run in schemas of it), or null
 */
record KitSettings(
        List<String> locations,
        String url,
        String user,
        String password,
        String versionTable,
        String model,
        List<String> irreversible,
        ClassLoader classLoader,
        DataSource dataSource) {

    KitSettings {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("@MigrationTest needs at least one script location");
        }
        url = blankToNull(url);
        user = blankToNull(user);
        password = blankToNull(password);
        Objects.requireNonNull(versionTable, "versionTable");
        model = blankToNull(model);
        irreversible = List.copyOf(irreversible);
        Objects.requireNonNull(classLoader, "classLoader");
    }

    static KitSettings of(MigrationTest annotation, ClassLoader classLoader) {
        return new KitSettings(
                List.of(annotation.locations()),
                annotation.url(),
                annotation.user(),
                annotation.password(),
                annotation.versionTable(),
                annotation.model(),
                List.of(annotation.irreversible()),
                classLoader,
                null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
