package dev.ratchet.cli;

import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.docker.SandboxDoctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ratchet sandbox}: the Docker sandbox's own commands. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = "Inspect the Docker sandbox that gates and commands run in.")
final class SandboxCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "Missing a command: use 'ratchet sandbox doctor'.");
  }

  /** {@code ratchet sandbox doctor}: is a daemon there, which images, and is isolation real. */
  @Command(
      name = "doctor",
      mixinStandardHelpOptions = true,
      versionProvider = RatchetCommand.Version.class,
      description = {
        "Checks that a Docker daemon answers, lists Ratchet's images, and probes the isolation"
            + " of a live container: network, vsock, io_uring, read-only root, user and"
            + " capabilities, environment, pids and memory limits, and the deadline.",
        "Each property gets a pass/fail line; it takes about ten seconds."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:every check passed",
        "1:a check failed",
        "4:no daemon answers, or the image is missing"
      },
      footerHeading = "%nExamples:%n",
      footer = {"  ratchet sandbox doctor",
          "  ratchet sandbox doctor --docker-host tcp://127.0.0.1:2376"})
  static final class Doctor implements Callable<Integer> {
    private final Io io;

    @Option(names = "--image", paramLabel = "IMAGE",
        description = "The sandbox image to check (default: ${DEFAULT-VALUE}).")
    String image = SandboxDoctor.defaultImage();

    @Option(names = "--docker-host", paramLabel = "URL",
        description = "The daemon (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost = DockerSandbox.defaultDockerHost();

    Doctor(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      SandboxDoctor.Report report = SandboxDoctor.examine(dockerHost, image);
      io.out().println("daemon   " + report.dockerHost() + report.daemonVersion()
          .map(v -> "  (Docker " + v + ")").orElse("  (no answer)"));
      if (report.daemonVersion().isPresent()) {
        io.out().println("images   " + (report.images().isEmpty()
            ? "none built by Ratchet yet" : String.join("\n         ", report.images())));
      }
      for (SandboxDoctor.Check check : report.checks()) {
        io.out().println(io.styled(check.passed() ? "@|green pass|@ " : "@|bold,red FAIL|@ ")
            + String.format("%-15s", check.property()) + check.detail());
      }
      io.out().flush();
      if (report.problem().isPresent()) {
        return io.fail(Exit.ENVIRONMENT, report.problem().get());
      }
      return report.healthy() ? Exit.OK : Exit.NOT_PASSED;
    }
  }
}
