package dev.migrations.internal.script;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrations.MigrationsException;
import dev.migrations.ScriptException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLoaderTest {

    private static final ClassLoader TEST_LOADER = ScriptLoaderTest.class.getClassLoader();

    @TempDir
    Path tmp;

    private static String script(String revision, String revises) {
        return "-- Revision " + revision + "\n--\n-- Revision ID: " + revision + "\n-- Revises: " + revises
                + "\n\n-- migrate:upgrade\nSELECT '" + revision + "';\n";
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static List<String> revisions(List<RevisionScript> scripts) {
        return scripts.stream().map(RevisionScript::revision).toList();
    }

    private static List<String> paths(List<RevisionScript> scripts) {
        return scripts.stream().map(RevisionScript::path).toList();
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    out.write(entry.getValue().getBytes(UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void filesystemLocationLoadsSqlFilesDirectlyInTheDirectorySortedByFileName() throws IOException {
        Path dir = tmp.resolve("migrations");
        write(dir.resolve("c_third.sql"), script("aaa3", "bbb2"));
        write(dir.resolve("a_first.sql"), script("ccc1", "None"));
        write(dir.resolve("b_second.sql"), script("bbb2", "ccc1"));
        write(dir.resolve("notes.txt"), "not a script");
        write(dir.resolve(".#a_first.sql"), "editor lock file");
        write(dir.resolve("sub/d_nested.sql"), script("ddd4", "aaa3"));
        Files.createDirectories(dir.resolve("dir.sql"));

        List<RevisionScript> scripts = ScriptLoader.load(List.of("filesystem:" + dir), TEST_LOADER);

        assertThat(revisions(scripts)).containsExactly("ccc1", "bbb2", "aaa3");
        assertThat(paths(scripts))
                .containsExactly(
                        dir.resolve("a_first.sql").toString(),
                        dir.resolve("b_second.sql").toString(),
                        dir.resolve("c_third.sql").toString());
        assertThat(scripts.get(0).upgrade()).containsExactly(new Statement("SELECT 'ccc1'", 7));
    }

    @Test
    void barePathIsAFilesystemLocationAndKeepsThePathAsGiven() throws IOException {
        write(tmp.resolve("db/migrations/x.sql"), script("a1", ""));
        String location = tmp + "/db/migrations/";

        List<RevisionScript> scripts = ScriptLoader.load(List.of(location), TEST_LOADER);

        assertThat(paths(scripts)).containsExactly(tmp + "/db/migrations/x.sql");
    }

    @Test
    void locationsAreReadInTheOrderGiven() throws IOException {
        write(tmp.resolve("one/z.sql"), script("z1", ""));
        write(tmp.resolve("two/a.sql"), script("a2", "z1"));

        List<RevisionScript> scripts = ScriptLoader.load(
                List.of("filesystem:" + tmp.resolve("one"), "filesystem:" + tmp.resolve("two")), TEST_LOADER);

        assertThat(revisions(scripts)).containsExactly("z1", "a2");
    }

    @Test
    void aListingIsForItsLocationsInTheirOrderAndItsClassLoaderOnly() throws IOException {
        write(tmp.resolve("one/z.sql"), script("z1", ""));
        write(tmp.resolve("two/a.sql"), script("a2", "z1"));
        List<String> locations =
                List.of(tmp.resolve("one").toString(), tmp.resolve("two").toString());

        ScriptListing listing = ScriptLoader.list(locations, TEST_LOADER);

        assertThat(listing.isFor(locations, TEST_LOADER)).isTrue();
        assertThat(listing.isFor(List.of(locations.get(1), locations.get(0)), TEST_LOADER))
                .as("other order")
                .isFalse();
        assertThat(listing.isFor(locations.subList(0, 1), TEST_LOADER))
                .as("fewer")
                .isFalse();
        try (URLClassLoader other = new URLClassLoader(new URL[0], TEST_LOADER)) {
            assertThat(listing.isFor(locations, other))
                    .as("another class loader")
                    .isFalse();
        }
    }

    @Test
    void noLocationsLoadNothing() {
        assertThat(ScriptLoader.load(List.of(), TEST_LOADER)).isEmpty();
    }

    @Test
    void missingFilesystemLocationSaysWhereItLookedAndWhatToDo() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> ScriptLoader.load(List.of("filesystem:" + missing), TEST_LOADER))
                .isExactlyInstanceOf(MigrationsException.class)
                .hasMessage("Location 'filesystem:" + missing + "' does not exist (resolved to "
                        + missing.toAbsolutePath() + "); create it with 'migrations init' or fix --location");
    }

    @Test
    void fileInsteadOfDirectoryIsNotALocation() throws IOException {
        Path file = write(tmp.resolve("a.sql"), script("a1", ""));
        assertThatThrownBy(() -> ScriptLoader.load(List.of(file.toString()), TEST_LOADER))
                .isExactlyInstanceOf(MigrationsException.class)
                .hasMessageContainingAll("Location '" + file + "' is not a directory", ".sql");
    }

    @Test
    void malformedScriptIsReportedWithItsDisplayPath() throws IOException {
        Path dir = tmp.resolve("m");
        write(dir.resolve("bad.sql"), "-- m\n-- Revision ID: a1\n-- Author: me\n-- migrate:upgrade\n");

        assertThatThrownBy(() -> ScriptLoader.load(List.of("filesystem:" + dir), TEST_LOADER))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(dir.resolve("bad.sql") + ":3: unknown header key 'Author'");
    }

    @Test
    void unreadableFileIsAScriptErrorNamingThePath() throws IOException {
        Path dir = tmp.resolve("m");
        Path file = write(dir.resolve("a.sql"), script("a1", ""));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (isReadable(file) && Files.exists(Path.of("/proc/self/mem"))) {
            // Running as root: permissions do not stop us, but this file always fails to read.
            Files.delete(file);
            Files.createSymbolicLink(file, Path.of("/proc/self/mem"));
        }
        assumeTrue(!isReadable(file), "cannot make a file unreadable here");
        try {
            assertThatThrownBy(() -> ScriptLoader.load(List.of("filesystem:" + dir), TEST_LOADER))
                    .isInstanceOf(ScriptException.class)
                    .hasMessageStartingWith(file + ": cannot read the file")
                    .hasCauseInstanceOf(IOException.class);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void sectionsAreSplitOnFirstUseAndTheirErrorsStillNameTheFileAndLine() throws IOException {
        Path dir = tmp.resolve("m");
        write(dir.resolve("a.sql"), script("a1", "") + "SELECT 2;\n");
        Path bad = write(
                dir.resolve("b.sql"),
                "-- Revision b1\n-- Revision ID: b1\n-- Revises: a1\n\n-- migrate:upgrade\nSELECT 1;\nSELECT 'oops;\n");

        List<RevisionScript> scripts = ScriptLoader.load(List.of("filesystem:" + dir), TEST_LOADER);

        assertThat(scripts.get(0).upgrade())
                .containsExactly(new Statement("SELECT 'a1'", 7), new Statement("SELECT 2", 8));
        assertThatThrownBy(() -> scripts.get(1).upgrade().size())
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(bad + ":7: unterminated single-quoted string");
    }

    private static boolean isReadable(Path file) {
        try {
            Files.readAllBytes(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void classpathDirectoryLocationLoadsOnlyTopLevelSqlFilesByName() {
        List<RevisionScript> scripts = ScriptLoader.load(List.of("classpath:script/classpath-fixture"), TEST_LOADER);

        assertThat(revisions(scripts)).containsExactly("1975ea83b712", "6eef61f13528", "0aa1b2c3d4e5");
        assertThat(paths(scripts))
                .containsExactly(
                        "classpath:script/classpath-fixture/1975ea83b712_create_users.sql",
                        "classpath:script/classpath-fixture/6eef61f13528_add_email_verification.sql",
                        "classpath:script/classpath-fixture/named_freely.sql");
        assertThat(scripts.get(1).downRevisions()).containsExactly("1975ea83b712");
        assertThat(scripts.get(0).checksum()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void classpathLocationToleratesLeadingAndTrailingSlashes() {
        List<RevisionScript> scripts = ScriptLoader.load(List.of("classpath:/script/classpath-fixture/"), TEST_LOADER);

        assertThat(paths(scripts))
                .first()
                .isEqualTo("classpath:script/classpath-fixture/1975ea83b712_create_users.sql");
    }

    @Test
    void missingClasspathLocationIsAnErrorNotAnEmptyList() {
        assertThatThrownBy(() -> ScriptLoader.load(List.of("classpath:db/nowhere"), TEST_LOADER))
                .isExactlyInstanceOf(MigrationsException.class)
                .hasMessageContainingAll("Location 'classpath:db/nowhere' does not exist", "'db/nowhere'", "classpath");
    }

    @Test
    void classpathLocationInsideAJarListsItsEntriesWithoutRecursing() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("db/", null);
        entries.put("db/migrations/", null);
        entries.put("db/migrations/b_second.sql", script("b2", "a1"));
        entries.put("db/migrations/a_first.sql", script("a1", ""));
        entries.put("db/migrations/readme.txt", "not a script");
        entries.put("db/migrations/nested/", null);
        entries.put("db/migrations/nested/c.sql", script("c3", "b2"));
        entries.put("db/migrations-other/", null);
        entries.put("db/migrations-other/x.sql", script("x9", ""));
        Path jar = jar("migrations.jar", entries);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<RevisionScript> scripts = ScriptLoader.load(List.of("classpath:db/migrations"), loader);

            assertThat(revisions(scripts)).containsExactly("a1", "b2");
            assertThat(paths(scripts))
                    .containsExactly("classpath:db/migrations/a_first.sql", "classpath:db/migrations/b_second.sql");
            assertThat(scripts.get(1).upgrade()).containsExactly(new Statement("SELECT 'b2'", 7));
        }
    }

    @Test
    void classpathLocationSpanningADirectoryAndAJarIsSortedByFileName() throws IOException {
        Path classes = tmp.resolve("classes");
        write(classes.resolve("db/migrations/b_dir.sql"), script("b2", "a1"));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("db/migrations/", null);
        entries.put("db/migrations/a_jar.sql", script("a1", ""));
        entries.put("db/migrations/c_jar.sql", script("c3", "b2"));
        Path jar = jar("lib.jar", entries);

        URL[] urls = {classes.toUri().toURL(), jar.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            List<RevisionScript> scripts = ScriptLoader.load(List.of("classpath:db/migrations"), loader);

            assertThat(revisions(scripts)).containsExactly("a1", "b2", "c3");
        }
    }
}
