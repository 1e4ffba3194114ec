package dev.migrations.internal.script;

import dev.migrations.ScriptCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The revision scripts of a list of locations as found, before any is read: each file's name, size
 * and change stamp (a file's modification time, a jar entry's CRC-32 from the jar's directory).
 *
 * <p>The {@link #fingerprint(List) fingerprint} summarises the listing: when it is the one a database recorded after
 * checking every applied script's checksum, the scripts are the ones it checked (an edit changes a
 * file's modification time or an entry's CRC), and a start at head needs to read none of them.
 */
public final class ScriptListing implements ScriptCatalog {
    /** Changes when what a listing means changes (how scripts are parsed, what the stamps are). */
    private static final String FORMAT = "migrations-listing-2";

    private final List<String> locations;
    private final ClassLoader classLoader;
    private final List<ScriptFile> files;

    ScriptListing(List<String> locations, ClassLoader classLoader, List<ScriptFile> files) {
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
        this.files = List.copyOf(files);
    }

    /**
     * Whether this is a listing of these locations, in this order, with {@code classpath:} ones
     * resolved by this class loader: what {@link ScriptLoader#list} would list now, unless a file
     * changed since.
     */
    @Override
    public boolean isFor(List<String> locations, ClassLoader classLoader) {
        return this.locations.equals(locations) && this.classLoader == classLoader;
    }

    /** The number of script files found. */
    @Override
    public int size() {
        return files.size();
    }

    /**
     * A lowercase hex digest of the locations and every file's path, size and change stamp, in load
     * order; {@code extra} lines (e.g. the Java migrations' ids and checksums) are included. It is the
     * CRC-32C and CRC-32 of that text with its length: it tells a changed listing from an unchanged one
     * (2^-64 odds of missing a change), and costs no cryptographic provider start-up, which would be
     * most of a start's cost. It is not a defence against forgery: whoever can edit the scripts or
     * the database can do worse than forge it.
     */
    public String fingerprint(List<String> extra) {
        StringBuilder text =
                new StringBuilder(64 + files.size() * 64).append(FORMAT).append('\n');
        for (String location : locations) {
            text.append("L ").append(location).append('\n');
        }
        for (ScriptFile file : files) {
            text.append(file.jarUrl == null ? "F " : "J ")
                    .append(file.path)
                    .append(' ')
                    .append(file.size)
                    .append(' ')
                    .append(file.stamp)
                    .append('\n');
        }
        for (String line : extra) {
            text.append("X ").append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        return hex8(crc32c.getValue()) + hex8(crc32.getValue()) + hex8(bytes.length);
    }

    private static String hex8(long value) {
        String hex = Long.toHexString(value & 0xffffffffL);
        return "0".repeat(8 - hex.length()) + hex;
    }

    /**
     * Reads and parses every script, in load order: locations in the order given, files by name.
     *
     * @throws dev.migrations.ScriptException if a script cannot be read or parsed
     */
    public List<RevisionScript> parse() {
        List<RevisionScript> scripts = new ArrayList<>(files.size());
        // Keyed by the URL's text: URL.equals may resolve host names.
        Map<String, JarFile> jars = new LinkedHashMap<>();
        try {
            for (ScriptFile file : files) {
                scripts.add(ScriptParser.parseDeferred(file.path, file.read(jars)));
            }
        } finally {
            for (JarFile jar : jars.values()) {
                try {
                    jar.close();
                } catch (IOException e) {
                    // Read already; nothing to do.
                }
            }
        }
        return List.copyOf(scripts);
    }

    /** A script file found in a location, not read yet. */
    static final class ScriptFile {
        private final String name;
        private final String path;
        private final long size;
        private final long stamp;
        private final Path file;
        private final URL jarUrl;
        private final String entryName;

        private ScriptFile(String name, String path, long size, long stamp, Path file, URL jarUrl, String entryName) {
            this.name = name;
            this.path = path;
            this.size = size;
            this.stamp = stamp;
            this.file = file;
            this.jarUrl = jarUrl;
            this.entryName = entryName;
        }

        static ScriptFile onDisk(String name, String path, Path file, long size, long modifiedMillis) {
            return new ScriptFile(name, path, size, modifiedMillis, file, null, null);
        }

        static ScriptFile inJar(String name, String path, URL directoryUrl, String entryName, long size, long crc) {
            return new ScriptFile(name, path, size, crc, null, directoryUrl, entryName);
        }

        String name() {
            return name;
        }

        private byte[] read(Map<String, JarFile> jars) {
            try {
                if (file != null) {
                    return Files.readAllBytes(file);
                }
                JarFile jar = jars.get(jarUrl.toString());
                if (jar == null) {
                    JarURLConnection connection = (JarURLConnection) jarUrl.openConnection();
                    connection.setUseCaches(false);
                    jar = connection.getJarFile();
                    jars.put(jarUrl.toString(), jar);
                }
                JarEntry entry = jar.getJarEntry(entryName);
                if (entry == null) {
                    throw new IOException("the jar no longer has " + entryName);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw ScriptLoader.unreadable(path, e);
            }
        }
    }
}
