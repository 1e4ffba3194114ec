package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code current}: the database's revisions, reduced to branch tips; over a fleet, each tenant's. */
@Command(name = "current", description = "Display the current revision for a database.")
final class CurrentCommand extends Subcommand {
    @Option(
            names = {"-v", "--verbose"},
            description = "Use more verbose output.")
    boolean verbose;

    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        FleetRun fleet = fleet(tenants);
        if (fleet != null) {
            int exit = fleet.run(
                    tenantFleet -> tenantFleet.status("heads"),
                    outcome -> outcome.tenant() + ": " + describe(outcome.current()));
            // Tenants below the heads are a fact 'current' reports, not a failure; 'status' exits 3 for them.
            return exit == StatusCommand.EXIT_PENDING ? 0 : exit;
        }
        List<String> rows = online("current").currentRows();
        List<RevisionInfo> current = migrations().graph().current(rows);
        if (json()) {
            printJson(current);
            return 0;
        }
        if (verbose) {
            println("Current revision(s) for " + Redact.url(parent.settings().url()) + ":");
        }
        for (RevisionInfo rev : current) {
            println(AlembicFormat.cmdFormat(rev, false, verbose, false, false, false, true));
        }
        return 0;
    }

    /** A tenant's rows as the plain output names them, e.g. {@code ae10 (head)}; {@code base} for none. */
    private String describe(List<String> rows) {
        List<String> revisions = new ArrayList<>();
        for (RevisionInfo rev : migrations().graph().current(rows)) {
            revisions.add(AlembicFormat.cmdFormat(rev, false, false, false, false, false, true));
        }
        return revisions.isEmpty() ? "base" : String.join(", ", revisions);
    }
}
