package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branches}: each branch point with its children, newest first. */
@Command(name = "branches", description = "Show current branch points.")
final class BranchesCommand extends Subcommand {
    @Option(
            names = {"-v", "--verbose"},
            description = "Use more verbose output.")
    boolean verbose;

    @Override
    public Integer call() {
        List<RevisionInfo> branchPoints = migrations().graph().branchPoints();
        if (json()) {
            printJson(branchPoints);
            return 0;
        }
        Map<String, RevisionInfo> byId = new HashMap<>();
        for (RevisionInfo rev : migrations().graph().revisions()) {
            byId.put(rev.id(), rev);
        }
        for (RevisionInfo branchPoint : branchPoints) {
            List<RevisionInfo> children = new ArrayList<>();
            for (String child : branchPoint.nextRevisions()) {
                children.add(byId.get(child));
            }
            println(AlembicFormat.branchesEntry(branchPoint, children, verbose));
        }
        return 0;
    }
}
