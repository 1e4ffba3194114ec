package dev.migrations.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDifferencesTest {
    private static final Table ORDERS = Table.of(
                    "orders",
                    Column.of("id", "bigint").notNull(),
                    Column.of("customer", "text").notNull())
            .withPrimaryKey("id");

    private static SchemaModel schema(List<Table> tables, List<EnumType> enums) {
        return new SchemaModel(tables, enums, List.of(), List.of());
    }

    @Test
    void equalSchemasHaveNoDifferences() {
        assertThat(SchemaDifferences.between(schema(List.of(ORDERS), List.of()), schema(List.of(ORDERS), List.of())))
                .isEmpty();
    }

    @Test
    void leftoverColumnAndIndexAreNamedWithTheirTable() {
        Table after = ORDERS.with(Index.of("orders_processed_at", "processed_at"));
        after = new Table(
                after.name(),
                List.of(after.columns().get(0), after.columns().get(1), Column.of("processed_at", "timestamp")),
                after.primaryKey(),
                after.uniques(),
                after.foreignKeys(),
                after.indexes(),
                after.checks(),
                after.comment());

        assertThat(SchemaDifferences.between(schema(List.of(ORDERS), List.of()), schema(List.of(after), List.of())))
                .containsExactlyInAnyOrder(
                        "table orders still has column processed_at (timestamp)",
                        "table orders still has index orders_processed_at (USING btree (processed_at))");
    }

    @Test
    void leftoverTableIsReportedOnceAndALostOneAsMissing() {
        Table events = Table.of("order_events", Column.of("id", "bigint").notNull());

        assertThat(SchemaDifferences.between(schema(List.of(ORDERS), List.of()), schema(List.of(events), List.of())))
                .containsExactlyInAnyOrder("table order_events still exists", "table orders is missing");
    }

    @Test
    void changedColumnSaysWhatItIsAndWas() {
        Table relaxed = Table.of("orders", Column.of("id", "bigint").notNull(), Column.of("customer", "text"))
                .withPrimaryKey("id");

        assertThat(SchemaDifferences.between(schema(List.of(ORDERS), List.of()), schema(List.of(relaxed), List.of())))
                .containsExactly("column orders.customer is nullable, was not null");
    }

    @Test
    void leftoverEnumTypeIsNamed() {
        EnumType kind = new EnumType("event_kind", List.of("created"));

        assertThat(SchemaDifferences.between(schema(List.of(), List.of()), schema(List.of(), List.of(kind))))
                .containsExactly("enum type event_kind still exists");
    }

    @Test
    void routinesReportLeftoverMissingAndRedefinedFunctionsAndTriggers() {
        RoutineSnapshot before = new RoutineSnapshot(Map.of("function audit()", "a1", "function keep()", "k1"));
        RoutineSnapshot after = new RoutineSnapshot(
                Map.of("function keep()", "k2", "trigger orders_audit on orders", "CREATE TRIGGER ..."));

        assertThat(before.differencesTo(after))
                .containsExactly(
                        "trigger orders_audit on orders still exists",
                        "function audit() is missing",
                        "function keep() has a different definition");
    }
}
