package dev.migrations.internal.script;

import dev.migrations.MigrationsException;
import dev.migrations.ScriptException;
import dev.migrations.internal.script.ScriptListing.ScriptFile;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and parses the revision scripts of a list of locations.
 *
 * <p>A location is {@code classpath:db/migrations}, {@code filesystem:db/migrations} or a bare
 * path (a filesystem location). Each location contributes the {@code *.sql} files directly in
 * its directory, without recursing (as Alembic), sorted by file name; files whose name starts
 * with {@code .} (editor and lock files) are ignored. Locations are read in the order given, and
 * the result is in that load order. The file name does not define the revision: the header does.
 *
 * <pre>{@code
 * List<RevisionScript> scripts =
 *         ScriptLoader.load(List.of("classpath:db/migrations"), getClass().getClassLoader());
 * }</pre>
 */
public final class ScriptLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptLoader.class);
    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private ScriptLoader() {}

    /**
     * Loads the scripts of every location.
     *
     * @param locations {@code classpath:dir}, {@code filesystem:dir} or bare directory paths
     * @param classLoader the class loader that resolves {@code classpath:} locations
     * @return the parsed scripts in load order: locations in the order given, files by name
     * @throws MigrationsException if a location does not exist or cannot be listed
     * @throws ScriptException if a script cannot be read or parsed
     */
    public static List<RevisionScript> load(List<String> locations, ClassLoader classLoader) {
        return list(locations, classLoader).parse();
    }

    /**
     * Lists the scripts of every location without reading them: names, sizes and change stamps, for
     * a cheap {@link ScriptListing#fingerprint(List) fingerprint}; {@link ScriptListing#parse()} reads them.
     *
     * @throws MigrationsException if a location does not exist or cannot be listed
     */
    public static ScriptListing list(List<String> locations, ClassLoader classLoader) {
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(classLoader, "classLoader");
        List<ScriptFile> all = new ArrayList<>();
        for (String location : locations) {
            List<ScriptFile> files;
            if (location.startsWith(CLASSPATH)) {
                files = classpathFiles(location, location.substring(CLASSPATH.length()), classLoader);
            } else if (location.startsWith(FILESYSTEM)) {
                files = filesystemFiles(location, location.substring(FILESYSTEM.length()));
            } else {
                files = filesystemFiles(location, location);
            }
            all.addAll(files);
            LOG.debug("Found {} revision script(s) in location '{}'", files.size(), location);
        }
        return new ScriptListing(locations, classLoader, all);
    }

    private static List<ScriptFile> filesystemFiles(String location, String directory) {
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir)) {
            throw notFound(location, "resolved to " + dir.toAbsolutePath().normalize(), Files.exists(dir));
        }
        return listDirectory(location, dir, null);
    }

    private static List<ScriptFile> classpathFiles(String location, String directory, ClassLoader classLoader) {
        String dir = trimSlashes(directory);
        String prefix = dir.isEmpty() ? CLASSPATH : CLASSPATH + dir + "/";
        Enumeration<URL> urls;
        try {
            urls = classLoader.getResources(dir);
        } catch (IOException e) {
            throw new MigrationsException("Location '" + location + "' cannot be searched on the classpath: " + e, e);
        }
        if (!urls.hasMoreElements()) {
            throw new MigrationsException("Location '" + location + "' does not exist (no '" + dir
                    + "' directory on the classpath); create src/main/resources/" + dir
                    + " (or the directory in a jar on the classpath) or fix the location");
        }
        List<ScriptFile> files = new ArrayList<>();
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (url.getProtocol().equals("file")) {
                files.addAll(listDirectory(location, fileUrlToPath(location, url), prefix));
            } else if (url.getProtocol().equals("jar")) {
                files.addAll(listJar(location, url, prefix));
            } else {
                throw new MigrationsException("Location '" + location + "' resolved to " + url
                        + ", which cannot be listed (only file: and jar: URLs are supported); use a"
                        + " filesystem: location instead");
            }
        }
        // Stable: equal names from several classpath roots keep the class loader's order.
        files.sort(Comparator.comparing(ScriptFile::name));
        return files;
    }

    /** The scripts directly in {@code dir}, shown as {@code displayPrefix + name}, or as their path when it is null. */
    private static List<ScriptFile> listDirectory(String location, Path dir, String displayPrefix) {
        if (!Files.isDirectory(dir)) {
            throw notFound(location, "resolved to " + dir.toAbsolutePath().normalize(), true);
        }
        String[] names = dir.toFile().list();
        if (names == null) {
            throw new MigrationsException(
                    "Location '" + location + "' (" + dir + ") cannot be listed; check its permissions");
        }
        // Sorted by name here, as plain strings: a start lists every script, often in a cold JVM.
        Arrays.sort(names);
        List<ScriptFile> files = new ArrayList<>(names.length);
        for (String name : names) {
            if (!isScriptName(name)) {
                continue;
            }
            Path path = dir.resolve(name);
            BasicFileAttributes attributes;
            try {
                // One stat per script (java.io.File's isFile, length and lastModified make three, and
                // on a virtual machine each costs microseconds: a start lists every script).
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                continue; // removed since the directory was read, or a broken link: not a script
            }
            if (attributes.isRegularFile()) {
                // Size and modification time are the change stamp.
                files.add(ScriptFile.onDisk(
                        name,
                        displayPrefix == null ? path.toString() : displayPrefix + name,
                        path,
                        attributes.size(),
                        attributes.lastModifiedTime().toMillis()));
            }
        }
        return files;
    }

    private static List<ScriptFile> listJar(String location, URL url, String displayPrefix) {
        List<ScriptFile> files = new ArrayList<>();
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jarConnection)) {
                throw new MigrationsException("Location '" + location + "' resolved to " + url
                        + ", which does not open as a jar; use a filesystem: location instead");
            }
            // Without caches the jar is opened for us alone, and closing it is safe.
            jarConnection.setUseCaches(false);
            String entryName = jarConnection.getEntryName();
            String prefix = entryName == null || entryName.isEmpty() ? "" : trimSlashes(entryName) + "/";
            try (JarFile jar = jarConnection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                    if (!entry.isDirectory() && !rest.contains("/") && isScriptName(rest)) {
                        // The central directory's CRC-32 and size are the change stamp: nothing is inflated.
                        files.add(ScriptFile.inJar(
                                rest, displayPrefix + rest, url, name, entry.getSize(), entry.getCrc()));
                    }
                }
            }
        } catch (IOException e) {
            throw new MigrationsException(
                    "Location '" + location + "' (" + url + ") cannot be listed: " + e + "; check the jar", e);
        }
        return files;
    }

    private static Path fileUrlToPath(String location, URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new MigrationsException(
                    "Location '" + location + "' resolved to " + url + ", which is not a usable file path: "
                            + e.getMessage(),
                    e);
        }
    }

    private static boolean isScriptName(String name) {
        return name.endsWith(".sql") && !name.startsWith(".");
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    static ScriptException unreadable(String path, IOException e) {
        return new ScriptException(
                path, 0, "cannot read the file (" + e + "); check that it exists and is readable", e);
    }

    private static MigrationsException notFound(String location, String where, boolean existsAsFile) {
        if (existsAsFile) {
            return new MigrationsException("Location '" + location + "' is not a directory (" + where
                    + "); point it at the directory that holds the .sql revision scripts");
        }
        return new MigrationsException("Location '" + location + "' does not exist (" + where
                + "); create it with 'migrations init' or fix --location");
    }
}
