package dev.migrations;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Questions to the revision graph of one set of scripts, answered without a database: what {@code
 * heads}, {@code branches}, {@code history} and {@code show} print, and what version-table rows mean
 * against the graph. Scripts are read on the first question.
 *
 * <pre>{@code
 * RevisionGraph graph = migrations.graph();
 * graph.heads();                        // the heads, in load order
 * graph.history("base:head");           // newest first
 * graph.downgradePlan("base", rows);    // what 'downgrade base' would undo from these rows
 * }</pre>
 */
public interface RevisionGraph {
    /** Every revision, in load order. */
    List<RevisionInfo> revisions();

    /** The heads: revisions nothing revises, in load order ({@code heads}). */
    List<RevisionInfo> heads();

    /** The heads once dependencies count: revisions nothing revises or depends on ({@code heads --resolve-dependencies}). */
    List<RevisionInfo> headsResolvingDependencies();

    /** Branch points, newest first (what {@code branches} lists). */
    List<RevisionInfo> branchPoints();

    /**
     * Revisions in a range, newest first (what {@code history -r} lists).
     *
     * @param range {@code [start]:[end]}, or null for everything
     */
    List<RevisionInfo> history(@Nullable String range);

    /**
     * Revisions in a range where {@code current} stands for the given version-table rows.
     *
     * @param range {@code [start]:[end]}, or null for everything
     * @param currentRows the database's rows, or null when there is no database
     */
    List<RevisionInfo> history(@Nullable String range, @Nullable List<String> currentRows);

    /** The revisions an identifier names (several for {@code heads} or a label with several heads). */
    List<RevisionInfo> show(String identifier);

    /** The revisions the version-table rows amount to, reduced to branch tips (what {@code current} shows). */
    List<RevisionInfo> current(List<String> rows);

    /**
     * Version-table rows that name no known revision (a newer deployment's revisions, after a roll-back
     * of the application): empty when every row is known.
     */
    List<String> unknownRevisions(List<String> rows);

    /**
     * The revisions {@code downgrade target} would undo from the given rows, newest first: empty when
     * the target is at or above the rows (an upgrade target).
     */
    List<String> downgradePlan(String target, List<String> rows);

    /**
     * Every revision the version-table rows imply (the rows, their ancestors and dependencies): what the
     * database has applied. Fails with Alembic's "Can't locate revision" for unknown rows.
     */
    Set<String> appliedRevisions(List<String> rows);

    /**
     * What a picture of the graph shows (the {@code graph} command): the revisions in a range, the
     * revisions outside it that they revise or depend on, the edges, and with rows, which revisions
     * are applied, current or pending.
     *
     * @param range {@code [start]:[end]} as for {@link #history(String, List)}, or null for everything
     * @param currentRows the database's version-table rows, or null without a database
     */
    RevisionDiagram diagram(@Nullable String range, @Nullable List<String> currentRows);
}
