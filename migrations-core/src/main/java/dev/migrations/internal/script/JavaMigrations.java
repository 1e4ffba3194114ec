package dev.migrations.internal.script;

import dev.migrations.ScriptException;
import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns Java migrations into revision scripts: instances as given (e.g. Spring beans), and the
 * annotated classes of configured packages, instantiated through their no-argument constructor.
 * The header comes from {@link Migration} and is checked by the same rules as a SQL header.
 *
 * <p>The checksum is SHA-256 over the class name, the header values and the class file's bytes (or
 * the value {@link JavaMigration#checksum()} returns): editing the class, or compiling it to
 * different bytes, changes it, just as editing a SQL script does.
 */
public final class JavaMigrations {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final int MAX_ID_LENGTH = 32;

    private JavaMigrations() {}

    /**
     * The revision scripts of the given migrations, sorted by class name.
     *
     * @param instances migrations given as objects
     * @param packages packages (with subpackages) to scan for classes annotated with {@link Migration}
     * @param classLoader loads the scanned classes and reads class files for checksums
     * @throws ScriptException naming the class whose header or constructor is unusable
     */
    public static List<RevisionScript> load(
            List<JavaMigration> instances, List<String> packages, ClassLoader classLoader) {
        List<JavaMigration> all = new ArrayList<>(instances);
        Set<String> given = new HashSet<>();
        for (JavaMigration instance : instances) {
            given.add(userClass(instance.getClass()).getName());
        }
        Set<String> scanned = new LinkedHashSet<>();
        for (String pkg : packages) {
            scanned.addAll(ClassScanner.classNames(pkg.strip(), classLoader));
        }
        for (String name : scanned) {
            // An instance of the class given directly (a Spring bean) wins over a new one.
            if (!given.contains(name)) {
                JavaMigration migration = instantiate(name, classLoader);
                if (migration != null) {
                    all.add(migration);
                }
            }
        }
        all.sort(Comparator.comparing(m -> userClass(m.getClass()).getName()));
        List<RevisionScript> scripts = new ArrayList<>(all.size());
        for (JavaMigration migration : all) {
            scripts.add(toScript(migration));
        }
        return scripts;
    }

    /** A new instance of an annotated migration class, or null for classes that are not migrations. */
    private static JavaMigration instantiate(String name, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ScriptException(
                    name,
                    0,
                    "cannot be loaded (" + e + ") while scanning for Java migrations; put what it needs on the"
                            + " classpath, or keep only migrations in the scanned packages",
                    e);
        }
        if (!type.isAnnotationPresent(Migration.class)) {
            return null;
        }
        if (!JavaMigration.class.isAssignableFrom(type)) {
            throw new ScriptException(
                    name, 0, "is annotated with @Migration but does not implement " + JavaMigration.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new ScriptException(
                    name, 0, "is annotated with @Migration but is abstract; annotate the concrete" + " class");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (JavaMigration) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ScriptException(
                    name,
                    0,
                    "has no no-argument constructor; add one, or register an instance"
                            + " (MigrationsConfig.Builder.javaMigrations, or a Spring bean with the starter)",
                    e);
        } catch (InvocationTargetException e) {
            throw new ScriptException(name, 0, "failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ScriptException(name, 0, "cannot be instantiated: " + e, e);
        }
    }

    /** The class the user wrote: a generated subclass (a Spring CGLIB proxy, {@code A$$...}) is skipped. */
    static Class<?> userClass(Class<?> type) {
        Class<?> result = type;
        while (result.getName().contains("$$") && result.getSuperclass() != null) {
            result = result.getSuperclass();
        }
        return result;
    }

    static RevisionScript toScript(JavaMigration migration) {
        Class<?> type = userClass(migration.getClass());
        String name = type.getName();
        Migration header = type.getAnnotation(Migration.class);
        if (header == null) {
            throw new ScriptException(
                    name,
                    0,
                    "implements JavaMigration but has no @Migration annotation; add"
                            + " @Migration(id = \"...\", revises = \"...\", message = \"...\")");
        }
        if (header.id().isBlank()) {
            throw new ScriptException(
                    name,
                    0,
                    "@Migration has an empty id; give the revision's id, like" + " @Migration(id = \"6eef61f13528\")");
        }
        checkId(name, "id", header.id());
        List<String> revises = ids(name, "revises", header.revises());
        List<String> dependsOn = ids(name, "dependsOn", header.dependsOn());
        List<String> labels = ids(name, "branchLabels", header.branchLabels());
        return new RevisionScript(
                header.id(),
                revises,
                dependsOn,
                labels,
                header.message(),
                header.createDate().isEmpty() ? null : header.createDate(),
                header.transactional(),
                List.of(),
                List.of(),
                overridesDowngrade(type),
                name,
                checksum(migration, type, header),
                migration);
    }

    private static List<String> ids(String className, String attribute, String[] values) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            String id = value.strip();
            checkId(className, attribute, id);
            if (!ids.add(id)) {
                throw new ScriptException(
                        className,
                        0,
                        "@Migration(" + attribute + ") lists '" + id + "' more than once; list each once");
            }
        }
        return List.copyOf(ids);
    }

    private static void checkId(String className, String attribute, String id) {
        if (!ID.matcher(id).matches()) {
            throw new ScriptException(
                    className,
                    0,
                    "@Migration(" + attribute + ") value '" + id
                            + "' is not allowed; use only letters, digits and '_' (Alembic forbids '@', '-', '+' and ':'"
                            + " in ids and labels because its target syntax uses them)");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new ScriptException(
                    className,
                    0,
                    "@Migration(" + attribute + ") value '" + id + "' is "
                            + id.length() + " characters long; at most " + MAX_ID_LENGTH
                            + " are allowed (the version table"
                            + " stores ids in a VARCHAR(32))");
        }
    }

    private static boolean overridesDowngrade(Class<?> type) {
        try {
            return type.getMethod("downgrade", MigrationContext.class).getDeclaringClass() != JavaMigration.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("JavaMigration without downgrade()", e);
        }
    }

    private static String checksum(JavaMigration migration, Class<?> type, Migration header) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        String text = String.join(
                "\n",
                type.getName(),
                header.id(),
                String.join(",", header.revises()),
                String.join(",", header.dependsOn()),
                String.join(",", header.branchLabels()),
                header.message(),
                Boolean.toString(header.transactional()));
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        String fixed = migration.checksum();
        if (fixed != null) {
            digest.update(("\nchecksum:" + fixed).getBytes(StandardCharsets.UTF_8));
        } else {
            digest.update(classBytes(type));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The class file's bytes, or none when the class loader cannot show them (generated classes). */
    private static byte[] classBytes(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new ScriptException(type.getName(), 0, "cannot read the class file for its checksum: " + e, e);
        }
    }
}
