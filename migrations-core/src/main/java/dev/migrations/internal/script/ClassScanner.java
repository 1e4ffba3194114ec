package dev.migrations.internal.script;

import dev.migrations.MigrationsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the names of the classes in a package and its subpackages, from every directory and jar
 * the class loader has for it. A plain directory walk and jar listing: the engine needs class names
 * only, and loads them itself without initialising them.
 */
public final class ClassScanner {
    private ClassScanner() {}

    /**
     * The binary names of the classes under {@code packageName}, sorted.
     *
     * @throws MigrationsException when the package is on no classpath entry, or cannot be listed
     */
    static List<String> classNames(String packageName, ClassLoader classLoader) {
        return classNames("Java migration package", packageName, classLoader);
    }

    /**
     * The binary names of the classes under {@code packageName} and its subpackages, sorted.
     *
     * @param what what the package holds, for messages, e.g. {@code JPA entity package}
     * @param packageName the package, e.g. {@code com.acme.domain}
     * @param classLoader whose directories and jars are listed
     * @throws MigrationsException when the package is on no classpath entry, or cannot be listed
     */
    public static List<String> classNames(String what, String packageName, ClassLoader classLoader) {
        String dir = packageName.replace('.', '/');
        Enumeration<URL> urls;
        try {
            urls = classLoader.getResources(dir);
        } catch (IOException e) {
            throw new MigrationsException(what + " '" + packageName + "' cannot be searched: " + e, e);
        }
        if (!urls.hasMoreElements()) {
            throw new MigrationsException(what + " '" + packageName + "' is not on the classpath (no '"
                    + dir + "' directory or jar entry); check the package name, and put the compiled classes on"
                    + " the classpath (CLI: --classpath)");
        }
        TreeSet<String> names = new TreeSet<>();
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (url.getProtocol().equals("file")) {
                names.addAll(fromDirectory(what, packageName, url));
            } else if (url.getProtocol().equals("jar")) {
                names.addAll(fromJar(what, packageName, url, dir + "/"));
            } else {
                throw new MigrationsException(what + " '" + packageName + "' resolved to " + url
                        + ", which cannot be listed (only directories and jars can); register the migrations as"
                        + " them one by one instead");
            }
        }
        return new ArrayList<>(names);
    }

    private static List<String> fromDirectory(String what, String packageName, URL url) {
        Path root;
        try {
            root = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new MigrationsException(
                    what + " '" + packageName + "' resolved to " + url + ", not a usable path", e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".class"))
                    .map(p ->
                            className(packageName, root.relativize(p).toString().replace('\\', '/')))
                    .filter(name -> name != null)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationsException(what + " '" + packageName + "' (" + root + ") cannot be listed: " + e, e);
        }
    }

    private static List<String> fromJar(String what, String packageName, URL url, String prefix) {
        List<String> names = new ArrayList<>();
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jarConnection)) {
                throw new MigrationsException(what + " '" + packageName + "' resolved to " + url + ", not a jar");
            }
            // Without caches the jar is opened for us alone, and closing it is safe.
            jarConnection.setUseCaches(false);
            String entryName = jarConnection.getEntryName();
            // Nested jars (Spring Boot) open at the nested root: the entry is relative to it.
            String root = entryName == null ? prefix : entryName.endsWith("/") ? entryName : entryName + "/";
            try (JarFile jar = jarConnection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(root) && name.endsWith(".class")) {
                        String className = className(packageName, name.substring(root.length()));
                        if (className != null) {
                            names.add(className);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrationsException(what + " '" + packageName + "' (" + url + ") cannot be listed: " + e, e);
        }
        return names;
    }

    /** The class name for a path relative to the package directory, or null for package/module info. */
    private static String className(String packageName, String relative) {
        String base = relative.substring(0, relative.length() - ".class".length());
        if (base.endsWith("package-info") || base.endsWith("module-info")) {
            return null;
        }
        return packageName + "." + base.replace('/', '.');
    }
}
