package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of a command-line run: the CLI's own classes, then the {@code --classpath}
 * entries (Java migrations, JPA entities and their libraries), then the config file's directory as
 * a root, so its {@code classpath:db/migrations} resolves.
 */
final class ClassPath {
    private ClassPath() {}

    static ClassLoader loader(Path config, List<String> classpath) {
        List<URL> urls = new ArrayList<>();
        for (String option : classpath) {
            for (String entry : option.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(url(entry.strip()));
                }
            }
        }
        if (config != null) {
            Path dir = config.toAbsolutePath().normalize().getParent();
            urls.add(toUrl(dir, "Config directory " + dir));
        }
        ClassLoader parent = ClassPath.class.getClassLoader();
        return urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static URL url(String entry) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new MigrationsException("--classpath entry " + entry + " does not exist (" + path
                    + "); give a directory of compiled classes or a jar");
        }
        if (!Files.isDirectory(path) && !path.getFileName().toString().endsWith(".jar")) {
            throw new MigrationsException("--classpath entry " + entry + " is neither a directory nor a .jar file");
        }
        return toUrl(path, "--classpath entry " + entry);
    }

    private static URL toUrl(Path path, String what) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new MigrationsException(what + " cannot be used as a classpath root: " + e, e);
        }
    }
}
