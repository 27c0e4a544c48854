package dev.ratchet.rust;

import dev.ratchet.RatchetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's Rust toolchains, mounted read-only into the sandbox: stable for every gate, nightly
 * (when installed) for Miri. Found in rustup's home ({@code RUSTUP_HOME}, else {@code ~/.rustup}).
 *
 * @param stable the stable toolchain directory (holds {@code bin/cargo})
 * @param nightly the nightly toolchain directory, when one is installed
 */
public record RustToolchain(Path stable, Optional<Path> nightly) {

  /** Validates that stable holds cargo. */
  public RustToolchain {
    Objects.requireNonNull(stable, "stable");
    Objects.requireNonNull(nightly, "nightly");
    if (!Files.isExecutable(stable.resolve("bin/cargo"))) {
      throw new IllegalArgumentException(stable + " holds no bin/cargo: name a toolchain directory"
          + " such as ~/.rustup/toolchains/stable-x86_64-unknown-linux-gnu");
    }
  }

  /** Finds rustup's stable and nightly toolchains. */
  public static RustToolchain detect() {
    String env = System.getenv("RUSTUP_HOME");
    Path home = env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".rustup");
    Path toolchains = home.resolve("toolchains");
    Optional<Path> stable = find(toolchains, "stable-");
    if (stable.isEmpty()) {
      throw new RatchetException("no rustup stable toolchain under " + toolchains
          + ": install one (rustup toolchain install stable) or set RUSTUP_HOME");
    }
    return new RustToolchain(stable.get(), find(toolchains, "nightly-"));
  }

  private static Optional<Path> find(Path toolchains, String prefix) {
    try (Stream<Path> entries = Files.list(toolchains)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> Files.isExecutable(p.resolve("bin/cargo")))
          .sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the nightly toolchain carries Miri ({@code cargo-miri} and {@code miri}). */
  public boolean hasMiri() {
    return nightly.map(n -> Files.isExecutable(n.resolve("bin/cargo-miri"))
        && Files.isExecutable(n.resolve("bin/miri"))).orElse(false);
  }

  /** The host's cargo of the stable toolchain (for {@code cargo fetch}, which runs on the host). */
  public Path hostCargo() {
    return stable.resolve("bin/cargo");
  }
}
