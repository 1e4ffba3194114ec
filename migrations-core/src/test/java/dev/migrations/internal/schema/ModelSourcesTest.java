package dev.migrations.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrations.MigrationsException;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.ModelSourceProvider;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class ModelSourcesTest {
    private static final ClassLoader LOADER = ModelSourcesTest.class.getClassLoader();

    /** A provider registered in the test resources' META-INF/services. */
    public static final class FakeProvider implements ModelSourceProvider {
        @Override
        public String scheme() {
            return "fake";
        }

        @Override
        public ModelSource create(String argument, ClassLoader classLoader) {
            return new ModelSource() {
                @Override
                public String describe() {
                    return "fake model " + argument;
                }

                @Override
                public void load(Connection connection, String scratchSchema, String dialect) {}
            };
        }
    }

    @Test
    void noOptionMeansTheDefaultSchemaFile() {
        assertThat(ModelSources.parse(null, LOADER).describe()).isEqualTo("db" + java.io.File.separator + "schema.sql");
    }

    @Test
    void plainPathsAndDriveLettersAreSchemaFiles() {
        assertThat(ModelSources.parse("model/schema.sql", LOADER)).isInstanceOf(SchemaFileModelSource.class);
        assertThat(ModelSources.parse("C:/work/schema.sql", LOADER)).isInstanceOf(SchemaFileModelSource.class);
        assertThat(ModelSources.parse("file:model/schema.sql", LOADER).describe())
                .isEqualTo("model" + java.io.File.separator + "schema.sql");
    }

    @Test
    void schemeGoesToItsServiceLoaderProvider() {
        assertThat(ModelSources.parse("fake:com.acme", LOADER).describe()).isEqualTo("fake model com.acme");
    }

    @Test
    void unknownSchemeFailsListingTheKnownOnes() {
        Throwable error = catchThrowable(() -> ModelSources.parse("jpa:com.acme", LOADER));

        assertThat(error)
                .isInstanceOf(MigrationsException.class)
                .hasMessageStartingWith("Unknown model scheme 'jpa' in --model jpa:com.acme; known schemes: fake");
    }
}
