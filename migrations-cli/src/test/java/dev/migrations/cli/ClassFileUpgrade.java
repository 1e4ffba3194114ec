package dev.migrations.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, not a test: rewrites, in the shaded jar, every class file older than Java 6's format
 * (picocli's, compiled for Java 5) to Java 8's, with the stack map frames that format requires. JDK 17
 * leaves such classes out of a class-data-sharing archive ("Pre JDK 6 class not supported by CDS"),
 * and with them every class that implements one of their interfaces; loaded from the jar and checked
 * by the old verifier on every start, they were a quarter of the CPU a fresh {@code bin/migrations}
 * spent before its first query. The bytecode is unchanged; a wrong frame would fail the training run
 * that follows (Java 8 class files have no fallback to the old verifier), and so the build.
 *
 * <p>Run at {@code package} between the shade and the training run (migrations-cli's POM), from the
 * test class path, which alone has ASM: nothing of it ships. {@code java ClassFileUpgrade JAR}
 * rewrites the jar in place, entries in their order, with their times.
 */
public final class ClassFileUpgrade {
    /** Class files below this major version (Java 6) cannot be archived by CDS. */
    private static final int ARCHIVABLE = 50;

    private ClassFileUpgrade() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassFileUpgrade JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        int upgraded = upgrade(jar);
        System.out.println("Upgraded " + upgraded + " class file(s) older than Java 6 in " + jar);
    }

    /** Rewrites the jar in place; returns how many class files it upgraded. */
    static int upgrade(Path jar) throws IOException {
        Path rewritten = Files.createTempFile(
                jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        int upgraded = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                URLClassLoader hierarchy =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                OutputStream file = Files.newOutputStream(rewritten);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream stream = in.getInputStream(entry)) {
                    content = stream.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && majorVersion(content) < ARCHIVABLE) {
                    content = toJava8(content, hierarchy);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        return upgraded;
    }

    private static int majorVersion(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /**
     * The class in Java 8's format, its frames computed by ASM, which asks {@code hierarchy} (the jar
     * itself over the JDK's classes) for the common superclass of two types.
     */
    private static byte[] toJava8(byte[] classFile, ClassLoader hierarchy) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        ClassVisitor version = new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(
                    int ignored, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        };
        // Not the reader handed to the writer: that would copy methods unchanged, frames missing.
        new ClassReader(classFile).accept(version, 0);
        return writer.toByteArray();
    }
}
