package dev.ratchet.cli;

import dev.ratchet.rust.RustImage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ratchet image}: the sandbox image the Rust gates run in. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = "Build the sandbox image the Rust gates run in (no registry needed).")
final class ImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a command: use 'ratchet image build'.");
  }

  /** {@code ratchet image build}. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      versionProvider = RatchetCommand.Version.class,
      description = {
        "Builds ratchet/debian-gcc:bookworm: a Debian root filesystem (debootstrap, as root) with"
            + " gcc and the C library headers, imported into the Docker daemon. The host's rustup"
            + " toolchains are mounted into it at run time, not copied.",
        "Does nothing when the daemon already holds an image from the same inputs."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:the image exists", "4:no daemon, no debootstrap, or not root"},
      footerHeading = "%nExample:%n",
      footer = {"  sudo ./ratchet image build     # about 40 s; then every gate can run"})
  static final class Build implements Callable<Integer> {
    private final Io io;

    @Option(names = "--force", description = "Build even when an image from the same inputs exists.")
    boolean force;

    Build(Io io) {
      this.io = io;
    }

    @Override
    public Integer call() {
      String image = force ? RustImage.rebuild(this::progress) : RustImage.ensure(this::progress);
      io.out().println(image);
      return Exit.OK;
    }

    private void progress(String line) {
      io.err().println(io.styled("@|faint image:|@ ") + line);
      io.err().flush();
    }
  }
}
