package dev.ratchet.cli;

import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.transcript.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ratchet gates}: judge a crate's current commit with the Rust gates, no model. */
@Command(
    name = "gates",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Runs the Rust gates on the HEAD of the git repository in DIR, in the Docker sandbox,"
          + " exactly as 'ratchet run' judges each iteration, and prints each gate's verdict and"
          + " the summary a model would get. Your branch and files are not changed (the gates judge a work tree under DIR/.git/ratchet/work).",
      "Gates run in pipeline order; by default every named gate runs (--fail-fast stops at the"
          + " first that does not pass)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every gate passed (or was unavailable)", "1:a gate failed",
        "2:usage error", "4:DIR, Docker or the toolchain cannot be used"},
    footerHeading = "%nExample:%n",
    footer = {"  ratchet gates --repo my-crate --gates fmt,clippy,test,miri"})
final class GatesCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--repo", required = true, paramLabel = "DIR",
      description = "A git repository holding the crate.")
  Path repo;

  @Mixin GateList gates;

  @Option(names = "--fail-fast", description = "Stop at the first gate that does not pass.")
  boolean failFast;

  @Option(names = "--json", description = "Print the results as JSON on stdout.")
  boolean json;

  GatesCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(repo.resolve(".git"))) {
      return io.fail(Exit.ENVIRONMENT, repo + " is not a git repository: commit the crate first"
          + " (the gates judge a commit).");
    }
    if (gates.unknown().isPresent()) {
      return io.fail(Exit.USAGE, gates.unknown().get());
    }
    CargoEnvironment environment = CargoEnvironment.builder().build();
    List<Gate> pipeline = RustGates.with(environment).pipeline(gates.names);
    String image = GatedWorkspace.image(io, null);
    List<GateResult> results = new ArrayList<>();
    try (GatedWorkspace gated = GatedWorkspace.open(repo, GitWorkspace.OnAccept.BRANCH,
        environment, image)) {
      GitWorkspace workspace = gated.workspace;
      DockerSandbox.Session session = gated.session;
      for (Gate gate : pipeline) {
        GateResult r = gate.run(new GateContext(workspace, session, 0));
        results.add(r);
        if (!json) {
          io.out().println(io.styled(r.status().blocks() ? "@|bold,red " + r.status() + "|@"
              : "@|green " + r.status() + "|@") + String.format("  %-6s %.1f s", r.gate(),
              r.duration().toMillis() / 1000.0));
          io.out().println(r.summary().strip().indent(2).stripTrailing());
          io.out().flush();
        }
        if (failFast && r.status().blocks()) {
          break;
        }
      }
    }
    if (json) {
      io.out().println(Json.mapper().writeValueAsString(results));
    }
    return results.stream().anyMatch(r -> r.status().blocks()) ? Exit.NOT_PASSED : Exit.OK;
  }
}
