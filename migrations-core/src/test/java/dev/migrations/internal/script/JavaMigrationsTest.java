package dev.migrations.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsException;
import dev.migrations.ScriptException;
import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaMigrationsTest {
    @Migration(
            id = "a1",
            revises = {"x", "y"},
            dependsOn = "z",
            branchLabels = "auth",
            message = "Hello")
    static final class Full implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}

        @Override
        public void downgrade(MigrationContext context) {}
    }

    @Migration(id = "bad-id")
    static final class BadId implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}
    }

    @Migration(id = " ")
    static final class EmptyId implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}
    }

    static final class NoAnnotation implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}
    }

    @Migration(id = "fixed")
    static final class FixedChecksum implements JavaMigration {
        private final String version;

        FixedChecksum(String version) {
            this.version = version;
        }

        @Override
        public void upgrade(MigrationContext context) {}

        @Override
        public String checksum() {
            return version;
        }
    }

    @Test
    void headerComesFromTheAnnotation() {
        RevisionScript script = JavaMigrations.toScript(new Full());

        assertThat(script.revision()).isEqualTo("a1");
        assertThat(script.downRevisions()).containsExactly("x", "y");
        assertThat(script.dependsOn()).containsExactly("z");
        assertThat(script.branchLabels()).containsExactly("auth");
        assertThat(script.message()).isEqualTo("Hello");
        assertThat(script.transactional()).isTrue();
        assertThat(script.hasDowngrade()).isTrue();
        assertThat(script.isJava()).isTrue();
        assertThat(script.path()).isEqualTo(Full.class.getName());
        assertThat(script.checksum()).matches("[0-9a-f]{64}");
    }

    @Test
    void withoutDowngradeOverrideItCannotBeDowngraded() {
        assertThat(JavaMigrations.toScript(new NoAnnotationButIdOk()).hasDowngrade())
                .isFalse();
    }

    @Migration(id = "ok")
    static final class NoAnnotationButIdOk implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {}
    }

    @Test
    void badIdCharactersNameTheClass() {
        assertThatThrownBy(() -> JavaMigrations.toScript(new BadId()))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(BadId.class.getName() + ": @Migration(id) value 'bad-id' is not allowed");
    }

    @Test
    void emptyIdNamesTheClass() {
        assertThatThrownBy(() -> JavaMigrations.toScript(new EmptyId()))
                .hasMessageStartingWith(EmptyId.class.getName() + ": @Migration has an empty id");
    }

    @Test
    void missingAnnotationNamesTheClass() {
        assertThatThrownBy(() -> JavaMigrations.toScript(new NoAnnotation()))
                .hasMessageStartingWith(
                        NoAnnotation.class.getName() + ": implements JavaMigration but has no @Migration");
    }

    @Test
    void fixedChecksumReplacesTheClassBytes() {
        String one = JavaMigrations.toScript(new FixedChecksum("1")).checksum();
        assertThat(JavaMigrations.toScript(new FixedChecksum("1")).checksum()).isEqualTo(one);
        assertThat(JavaMigrations.toScript(new FixedChecksum("2")).checksum()).isNotEqualTo(one);
    }

    @Test
    void packageScanFindsAnnotatedClassesAndSkipsOthers() {
        List<RevisionScript> scripts = JavaMigrations.load(
                List.of(), List.of("dev.migrations.it.javamig"), getClass().getClassLoader());

        assertThat(scripts).extracting(RevisionScript::revision).containsExactly("j2");
    }

    @Test
    void unknownPackageSaysHowToFixIt() {
        assertThatThrownBy(() -> JavaMigrations.load(
                        List.of(), List.of("com.nowhere"), getClass().getClassLoader()))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Java migration package 'com.nowhere' is not on the classpath")
                .hasMessageContaining("--classpath");
    }
}
