package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.graph.MultipleHeadsException;
import dev.migrations.internal.graph.RangeNotAncestorException;
import dev.migrations.internal.graph.ResolutionException;
import dev.migrations.internal.graph.RevisionGraphException;
import java.util.function.Supplier;

/**
 * Turns the graph's precise errors into the advice a user reads, with Alembic's wording (its
 * {@code _catch_revision_errors}).
 */
public final class RevisionErrors {
    private String ancestor;
    private String multipleHeads;
    private String start;
    private String end;
    private String resolution;

    private RevisionErrors() {}

    /** Default translations. */
    public static RevisionErrors defaults() {
        return new RevisionErrors();
    }

    /** Message for a range whose ends are not ancestor and descendant; {@code %(start)s}/{@code %(end)s} are filled. */
    public RevisionErrors ancestor(String message) {
        this.ancestor = message;
        return this;
    }

    /** Message when a symbol names several heads; {@code %(head_arg)s} is filled. */
    public RevisionErrors multipleHeads(String message) {
        this.multipleHeads = message;
        return this;
    }

    /** The start the user gave, used in messages. */
    public RevisionErrors start(String value) {
        this.start = value;
        return this;
    }

    /** The end the user gave, used in messages. */
    public RevisionErrors end(String value) {
        this.end = value;
        return this;
    }

    /** Message when an identifier names nothing. */
    public RevisionErrors resolution(String message) {
        this.resolution = message;
        return this;
    }

    /** Runs the action and translates any graph error it throws. */
    public <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RangeNotAncestorException e) {
            String s = start != null ? start : display(e.lower());
            String en = end != null ? end : display(e.upper());
            String template = ancestor != null
                    ? ancestor
                    : "Requested range %(start)s:%(end)s does not refer to ancestor/descendant revisions along the"
                            + " same branch";
            throw new MigrationsException(template.replace("%(start)s", s).replace("%(end)s", en), e);
        } catch (MultipleHeadsException e) {
            String template = multipleHeads != null
                    ? multipleHeads
                    : "Multiple head revisions are present for given argument '%(head_arg)s'; please specify a"
                            + " specific target revision, '<branchname>@%(head_arg)s' to narrow to a specific head,"
                            + " or 'heads' for all heads";
            String headArg = end != null ? end : e.argument();
            throw new dev.migrations.MultipleHeadsException(
                    template.replace("%(head_arg)s", headArg).replace("%(heads)s", String.join(", ", e.heads())),
                    e.heads(),
                    e);
        } catch (ResolutionException e) {
            throw new MigrationsException(resolution != null ? resolution : cannotLocate(e), e);
        } catch (RevisionGraphException e) {
            throw new MigrationsException(e.getMessage(), e);
        }
    }

    /**
     * Alembic's sentence, then why (which Alembic's translation drops: a prefix of several ids, a
     * branch that does not exist) and what a target may be.
     */
    private static String cannotLocate(ResolutionException e) {
        String argument = e.argument() == null ? "" : e.argument();
        String why = argument.isBlank() ? "the target is empty" : e.getMessage();
        return "Can't locate revision identified by '" + argument + "' (" + why + "); give a revision id or a"
                + " unique start of one, a branch label, head, heads or base, optionally with @head, +N or -N"
                + " ('migrations history' lists the revisions)";
    }

    private static String display(String value) {
        return value == null ? "base" : value;
    }
}
