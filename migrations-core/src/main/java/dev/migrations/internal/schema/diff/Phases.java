package dev.migrations.internal.schema.diff;

import java.util.Map;
import java.util.Set;

/**
 * The phase of each kind of change ({@link Change#phase()}), in running order. {@link AddConstraint}
 * and {@link DropConstraint} are not here: a foreign key runs in a phase of its own.
 */
final class Phases {
    private static final Map<Class<? extends Change>, Integer> BY_KIND = Map.ofEntries(
            Map.entry(DropView.class, Change.DROP_VIEW),
            Map.entry(DropIndex.class, Change.DROP_INDEX),
            Map.entry(DropColumn.class, Change.DROP_COLUMN),
            Map.entry(DropTable.class, Change.DROP_TABLE),
            Map.entry(AlterEnum.class, Change.ALTER_ENUM),
            Map.entry(CreateEnum.class, Change.CREATE_TYPE),
            Map.entry(CreateSequence.class, Change.CREATE_TYPE),
            Map.entry(AlterSequence.class, Change.CREATE_TYPE),
            Map.entry(CreateTable.class, Change.CREATE_TABLE),
            Map.entry(AlterColumnType.class, Change.ALTER_COLUMN),
            Map.entry(AlterColumnNullability.class, Change.ALTER_COLUMN),
            Map.entry(AlterColumnDefault.class, Change.ALTER_COLUMN),
            Map.entry(AlterColumnIdentity.class, Change.ALTER_COLUMN),
            Map.entry(AddColumn.class, Change.ADD_COLUMN),
            Map.entry(SetComment.class, Change.COMMENT),
            Map.entry(CreateIndex.class, Change.CREATE_INDEX),
            Map.entry(CreateView.class, Change.CREATE_VIEW),
            Map.entry(DropEnum.class, Change.DROP_TYPE),
            Map.entry(DropSequence.class, Change.DROP_TYPE));

    private Phases() {}

    static int of(Change change) {
        Integer phase = BY_KIND.get(change.getClass());
        if (phase == null) {
            throw new IllegalStateException(change.getClass().getSimpleName() + " has no phase");
        }
        return phase;
    }

    /** The kinds of change listed here, for tests. */
    static Set<Class<? extends Change>> kinds() {
        return BY_KIND.keySet();
    }
}
