package dev.migrations.boot.it.javamig;

import dev.migrations.spi.JavaMigration;
import dev.migrations.spi.Migration;
import dev.migrations.spi.MigrationContext;

/** Not a bean: found through {@code migrations.java-packages}. */
@Migration(id = "4d5e6f708192", revises = "3c4d5e6f7081", message = "Rename the sprocket")
public class RenameSprocket implements JavaMigration {
    @Override
    public void upgrade(MigrationContext context) {
        context.execute("UPDATE widgets SET name = UPPER(name) WHERE id = 1");
    }
}
