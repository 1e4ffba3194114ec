package dev.migrations.internal.schema.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.UniqueConstraint;
import dev.migrations.spi.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One change of every kind: its phase, its one line, its reverse. */
class ChangeKindsTest {
    private static final Column EMAIL = Column.of("email", "text");
    private static final ForeignKey FK = ForeignKey.of("orders_user_fkey", List.of("user_id"), "users", List.of("id"));
    private static final UniqueConstraint UNIQUE = new UniqueConstraint("users_email_key", List.of("email"));
    private static final Index INDEX = Index.of("users_email_idx", "email");
    private static final EnumType MOOD = new EnumType("mood", List.of("sad", "happy"));
    private static final Sequence SEQ = Sequence.of("seq");
    private static final View VIEW = new View("v", "SELECT 1");
    private static final Table USERS = Table.of("users", Column.of("id", "bigint"));

    /** Each change with the phase it had when every change named its own. */
    private static Map<Change, Integer> everyKind() {
        Map<Change, Integer> changes = new LinkedHashMap<>();
        changes.put(new DropView(VIEW), 0);
        changes.put(new DropConstraint("orders", FK), 1);
        changes.put(new DropIndex("users", INDEX), 2);
        changes.put(new DropConstraint("users", UNIQUE), 3);
        changes.put(new DropColumn("users", EMAIL), 4);
        changes.put(new DropTable(USERS), 5);
        changes.put(new AlterEnum(MOOD, new EnumType("mood", List.of("happy")), List.of(), List.of()), 8);
        changes.put(new CreateEnum(MOOD), 9);
        changes.put(new CreateSequence(SEQ), 9);
        changes.put(new AlterSequence(SEQ, new Sequence("seq", "bigint", 1, 1, 1, Long.MAX_VALUE, 5, false)), 9);
        changes.put(new CreateTable(USERS), 10);
        changes.put(new AlterColumnType("users", "id", "integer", "bigint"), 11);
        changes.put(new AlterColumnNullability("users", "id", true, false), 11);
        changes.put(new AlterColumnDefault("users", "id", null, "0"), 11);
        changes.put(new AlterColumnIdentity("users", "id", null, null), 11);
        changes.put(new AddColumn("users", EMAIL), 12);
        changes.put(new SetComment("users", null, null, "people"), 13);
        changes.put(new AddConstraint("users", UNIQUE), 14);
        changes.put(new CreateIndex("users", INDEX), 15);
        changes.put(new AddConstraint("orders", FK), 16);
        changes.put(new CreateView(VIEW), 17);
        changes.put(new DropEnum(MOOD), 18);
        changes.put(new DropSequence(SEQ), 18);
        return changes;
    }

    @Test
    void everyKindIsCoveredAndHasItsPhase() {
        Set<Class<?>> kinds = new HashSet<>();
        everyKind().forEach((change, phase) -> {
            kinds.add(change.getClass());
            assertThat(change.phase()).as(change.describe()).isEqualTo(phase);
        });
        assertThat(kinds).containsExactlyInAnyOrder(Change.class.getPermittedSubclasses());
        Set<Class<?>> listed = new HashSet<>(Phases.kinds());
        listed.add(AddConstraint.class);
        listed.add(DropConstraint.class);
        assertThat(listed).isEqualTo(kinds);
    }

    @Test
    void describeIsTheOpLineAndToString() {
        List<String> lines = new ArrayList<>();
        for (Change change : everyKind().keySet()) {
            assertThat(change.describe()).isEqualTo(change.toString());
            lines.add(change.describe());
        }
        assertThat(lines)
                .containsExactly(
                        "remove_view v",
                        "remove_fk orders_user_fkey on orders",
                        "remove_index users_email_idx on users",
                        "remove_constraint users_email_key on users",
                        "remove_column users.email",
                        "remove_table users",
                        "modify_enum mood: [sad, happy] -> [happy]",
                        "add_enum mood [sad, happy]",
                        "add_sequence seq",
                        "modify_sequence seq",
                        "add_table users (id bigint)",
                        "modify_type users.id: integer -> bigint",
                        "modify_nullable users.id: true -> false",
                        "modify_default users.id: null -> 0",
                        "modify_identity users.id: null -> null",
                        "add_column users.email text",
                        "modify_table_comment users: null -> people",
                        "add_constraint users_email_key on users UNIQUE (email)",
                        "add_index users_email_idx on users USING btree (email)",
                        "add_fk orders_user_fkey on orders FOREIGN KEY (user_id) REFERENCES users (id)"
                                + " ON DELETE NO ACTION ON UPDATE NO ACTION",
                        "add_view v",
                        "remove_enum mood",
                        "remove_sequence seq");
    }

    @Test
    void reversingTwiceGivesTheChangeBack() {
        for (Change change : everyKind().keySet()) {
            assertThat(change.reverse().reverse()).isEqualTo(change);
        }
    }
}
