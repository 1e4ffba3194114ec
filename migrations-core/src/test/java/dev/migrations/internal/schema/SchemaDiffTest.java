package dev.migrations.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.internal.schema.diff.Change;
import dev.migrations.internal.schema.diff.ChangeScript;
import dev.migrations.internal.schema.diff.DropTable;
import dev.migrations.internal.schema.diff.SchemaDiff;
import dev.migrations.spi.Operations;
import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.UniqueConstraint;
import dev.migrations.spi.model.View;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    private static final Operations PG = DialectOperations.forDialect("postgresql");

    private static Table users() {
        return Table.of(
                        "users",
                        Column.of("id", "bigint").notNull(),
                        Column.of("email", "text").notNull())
                .withPrimaryKey("id");
    }

    private static Table orders() {
        return Table.of("orders", Column.of("id", "bigint").notNull(), Column.of("user_id", "bigint"))
                .withPrimaryKey("id")
                .with(ForeignKey.of("orders_user_id_fkey", List.of("user_id"), "users", List.of("id")))
                .with(Index.of("orders_user_id_idx", "user_id"));
    }

    private static SchemaModel schema(Table... tables) {
        return new SchemaModel(List.of(tables), List.of(), List.of(), List.of());
    }

    @Test
    void equalSchemasHaveNoChanges() {
        assertThat(SchemaDiff.compare(schema(users(), orders()), schema(users(), orders())))
                .isEmpty();
    }

    @Test
    void newTablesComeBeforeTheirIndexesAndForeignKeysComeLast() {
        List<Change> changes = SchemaDiff.compare(SchemaModel.empty(), schema(orders(), users()));

        assertThat(changes)
                .extracting(Change::describe)
                .containsExactly(
                        "add_table orders (id bigint, user_id bigint)",
                        "add_table users (id bigint, email text)",
                        "add_index orders_user_id_idx on orders USING btree (user_id)",
                        "add_fk orders_user_id_fkey on orders FOREIGN KEY (user_id) REFERENCES users (id)"
                                + " ON DELETE NO ACTION ON UPDATE NO ACTION");
    }

    @Test
    void reverseDropsForeignKeysFirstAndTablesLast() {
        List<Change> downgrade = SchemaDiff.reverse(SchemaDiff.compare(SchemaModel.empty(), schema(orders(), users())));

        assertThat(downgrade)
                .extracting(Change::describe)
                .containsExactly(
                        "remove_fk orders_user_id_fkey on orders",
                        "remove_index orders_user_id_idx on orders",
                        "remove_table users",
                        "remove_table orders");
    }

    @Test
    void reverseOfADropRecreatesTheFullDefinition() {
        Table table = users().with(new UniqueConstraint("users_email_key", List.of("email")))
                .with(new CheckConstraint("users_email_check", "email <> ''::text"))
                .withComment("people");
        List<Change> upgrade = SchemaDiff.compare(schema(table), SchemaModel.empty());

        assertThat(upgrade).containsExactly(new DropTable(table));
        assertThat(SchemaDiff.reverse(upgrade).get(0).render(PG))
                .containsExactly("""
                        CREATE TABLE users (
                            id bigint NOT NULL,
                            email text NOT NULL,
                            CONSTRAINT users_pkey PRIMARY KEY (id),
                            CONSTRAINT users_email_key UNIQUE (email),
                            CONSTRAINT users_email_check CHECK (email <> ''::text)
                        )""", "COMMENT ON TABLE users IS 'people'");
    }

    @Test
    void columnChangesAreOneChangeEachAndReverseBack() {
        Table before = users();
        Table after = Table.of(
                        "users",
                        Column.of("id", "bigint").notNull(),
                        Column.of("email", "character varying(100)").withDefault("''::character varying"),
                        Column.of("name", "text").withComment("display name"))
                .withPrimaryKey("id");
        List<Change> upgrade = SchemaDiff.compare(schema(before), schema(after));

        assertThat(upgrade)
                .extracting(Change::describe)
                .containsExactly(
                        "modify_type users.email: text -> character varying(100)",
                        "modify_default users.email: null -> ''::character varying",
                        "modify_nullable users.email: false -> true",
                        "add_column users.name text");
        assertThat(SchemaDiff.compare(schema(after), schema(before)))
                .containsExactlyInAnyOrderElementsOf(SchemaDiff.reverse(upgrade));
    }

    @Test
    void droppedAndAddedColumnOfTheSameTypeIsMarkedAsPossibleRename() {
        Table after = Table.of(
                        "users",
                        Column.of("id", "bigint").notNull(),
                        Column.of("mail", "text").notNull())
                .withPrimaryKey("id");
        String sql = ChangeScript.render(SchemaDiff.compare(schema(users()), schema(after)), PG);

        assertThat(sql)
                .contains("-- REVIEW: drops column users.email and its data\n")
                .contains("-- REVIEW: possible rename of column users.email to users.mail: review")
                .contains("-- REVIEW: adds NOT NULL column users.mail without a default")
                .contains("ALTER TABLE users DROP COLUMN email;\n")
                .contains("ALTER TABLE users ADD COLUMN mail text NOT NULL;\n");
    }

    @Test
    void typeChangesAreReviewedUnlessTheyWidenInPlace() {
        Table wide = Table.of("t", Column.of("a", "character varying(10)"));
        Table wider = Table.of("t", Column.of("a", "character varying(20)"));
        Table number = Table.of("t", Column.of("a", "integer"));

        assertThat(ChangeScript.reviewCount(SchemaDiff.compare(schema(wide), schema(wider))))
                .isZero();
        assertThat(ChangeScript.render(SchemaDiff.compare(schema(wider), schema(wide)), PG))
                .contains("-- REVIEW: narrows t.a from character varying(20) to character varying(10)");
        assertThat(ChangeScript.render(SchemaDiff.compare(schema(wide), schema(number)), PG))
                .contains("rewrites the table")
                .contains("ALTER TABLE t ALTER COLUMN a TYPE integer USING a::integer;");
    }

    @Test
    void addedEnumLabelsBecomeAddValueAndTheirReverseRebuildsTheType() {
        EnumType before = new EnumType("status", List.of("new", "paid"));
        EnumType after = new EnumType("status", List.of("new", "shipped", "paid", "void"));
        Table table = Table.of("orders", Column.of("status", "status").withDefault("'new'::status"));
        SchemaModel from = new SchemaModel(List.of(table), List.of(before), List.of(), List.of());
        SchemaModel to = new SchemaModel(List.of(table), List.of(after), List.of(), List.of());

        List<Change> upgrade = SchemaDiff.compare(from, to);

        assertThat(upgrade.get(0).render(PG))
                .containsExactly(
                        "ALTER TYPE status ADD VALUE 'shipped' AFTER 'new'",
                        "ALTER TYPE status ADD VALUE 'void' AFTER 'paid'");
        assertThat(SchemaDiff.reverse(upgrade).get(0).render(PG))
                .containsExactly(
                        "ALTER TYPE status RENAME TO status_old",
                        "CREATE TYPE status AS ENUM ('new', 'paid')",
                        "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT",
                        "ALTER TABLE orders ALTER COLUMN status TYPE status USING status::text::status",
                        "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'::status",
                        "DROP TYPE status_old");
    }

    @Test
    void typesAndSequencesAreCreatedFirstAndDroppedLastViewsCreatedLast() {
        SchemaModel to = new SchemaModel(
                List.of(users()),
                List.of(new EnumType("mood", List.of("ok"))),
                List.of(Sequence.of("order_no")),
                List.of(new View("v", "SELECT 1")));

        assertThat(SchemaDiff.compare(SchemaModel.empty(), to))
                .extracting(Change::describe)
                .containsExactly(
                        "add_enum mood [ok]",
                        "add_sequence order_no",
                        "add_table users (id bigint, email text)",
                        "add_view v");
        assertThat(SchemaDiff.compare(to, SchemaModel.empty()))
                .extracting(Change::describe)
                .containsExactly("remove_view v", "remove_table users", "remove_enum mood", "remove_sequence order_no");
    }

    @Test
    void constraintsNamedDifferentlyButDefinedTheSameAreNoChange() {
        Table a = users().with(new UniqueConstraint("CONSTRAINT_41", List.of("email")));
        Table b = users().with(new UniqueConstraint("CONSTRAINT_77", List.of("email")));

        assertThat(SchemaDiff.compare(schema(a), schema(b))).isEmpty();
    }
}
