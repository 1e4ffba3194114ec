package dev.migrations.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.test.SchemaSnapshot.SchemaObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaSnapshotTest {
    private static final SchemaObject ORDERS = new SchemaObject("table", null, "orders");
    private static final SchemaObject CUSTOMER = new SchemaObject("column", "orders", "customer");
    private static final SchemaObject PROCESSED_AT = new SchemaObject("column", "orders", "processed_at");
    private static final SchemaObject PROCESSED_INDEX = new SchemaObject("index", "orders", "orders_processed_at");

    private static SchemaSnapshot snapshot(Object... objectsAndDefinitions) {
        Map<SchemaObject, String> objects = new HashMap<>();
        for (int i = 0; i < objectsAndDefinitions.length; i += 2) {
            objects.put((SchemaObject) objectsAndDefinitions[i], (String) objectsAndDefinitions[i + 1]);
        }
        return new SchemaSnapshot(objects);
    }

    @Test
    void identicalSchemasHaveNoDifferences() {
        SchemaSnapshot schema = snapshot(ORDERS, "", CUSTOMER, "text not null");

        assertThat(schema.differencesTo(snapshot(ORDERS, "", CUSTOMER, "text not null")))
                .isEmpty();
    }

    @Test
    void leftoverColumnAndIndexAreNamedWithTheirTable() {
        SchemaSnapshot before = snapshot(ORDERS, "", CUSTOMER, "text not null");
        SchemaSnapshot after = snapshot(
                ORDERS,
                "",
                CUSTOMER,
                "text not null",
                PROCESSED_AT,
                "timestamp without time zone",
                PROCESSED_INDEX,
                "CREATE INDEX orders_processed_at ON public.orders USING btree (processed_at)");

        assertThat(before.differencesTo(after))
                .containsExactly(
                        "table orders still has column processed_at (timestamp without time zone)",
                        "table orders still has index orders_processed_at (CREATE INDEX orders_processed_at ON"
                                + " public.orders USING btree (processed_at))");
    }

    @Test
    void leftoverTableIsReportedOnceNotPerColumn() {
        SchemaSnapshot after = snapshot(ORDERS, "", CUSTOMER, "text not null");

        assertThat(snapshot().differencesTo(after)).containsExactly("table orders still exists");
    }

    @Test
    void missingAndChangedObjectsSayWhatWasLostAndHow() {
        SchemaSnapshot before = snapshot(ORDERS, "", CUSTOMER, "text not null", PROCESSED_AT, "timestamp");
        SchemaSnapshot after = snapshot(ORDERS, "", CUSTOMER, "text");

        assertThat(before.differencesTo(after))
                .containsExactly(
                        "column orders.customer changed: was text not null, now text",
                        "table orders lost column processed_at (timestamp)");
    }

    @Test
    void missingSchemaLevelObjectsAreNamedByKind() {
        SchemaObject kind = new SchemaObject("type", null, "event_kind");

        assertThat(snapshot(kind, "enum ('created')").differencesTo(snapshot()))
                .containsExactly("type event_kind is missing (enum ('created'))");
    }
}
