package dev.ratchet.sandbox.docker;

import dev.ratchet.sandbox.SandboxUnavailableException;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Debian root filesystem from {@code debootstrap --variant=minbase} plus chosen packages (by
 * default gcc and the C library headers, which a Rust toolchain needs to link). It runs on the
 * host, as root, with the network of the host; it takes about a minute.
 */
public final class DebianRootfs implements ImageRecipe {

  /** Bumped when the way the root filesystem is made changes, so old images are not reused. */
  private static final int RECIPE_VERSION = 2;

  private final String image;
  private final String suite;
  private final String mirror;
  private final List<String> packages;

  private DebianRootfs(String image, String suite, String mirror, List<String> packages) {
    this.image = Objects.requireNonNull(image, "image");
    this.suite = Objects.requireNonNull(suite, "suite");
    this.mirror = Objects.requireNonNull(mirror, "mirror");
    this.packages = List.copyOf(new TreeSet<>(packages));
  }

  /** Debian bookworm, minbase, with gcc and libc6-dev, tagged {@code ratchet/debian-gcc:bookworm}. */
  public static DebianRootfs gcc() {
    return new DebianRootfs("ratchet/debian-gcc:bookworm", "bookworm", "http://deb.debian.org/debian",
        List.of("gcc", "libc6-dev"));
  }

  /** A copy with another image name. */
  public DebianRootfs named(String image) {
    return new DebianRootfs(image, suite, mirror, packages);
  }

  /** A copy with these packages added. */
  public DebianRootfs withPackages(List<String> more) {
    List<String> all = new ArrayList<>(packages);
    all.addAll(more);
    return new DebianRootfs(image, suite, mirror, all);
  }

  /** A copy that fetches from another Debian mirror (a local one, for instance). */
  public DebianRootfs mirror(String url) {
    return new DebianRootfs(image, suite, url, packages);
  }

  @Override
  public String image() {
    return image;
  }

  @Override
  public String contentKey() {
    String inputs = "debootstrap-minbase/" + RECIPE_VERSION + "/" + suite + "/" + mirror + "/"
        + String.join(",", packages) + "/runner/" + runnerSource();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(inputs.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new SandboxUnavailableException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public List<String> describe() {
    return List.of("debian " + suite + " minbase", "packages " + String.join(" ", packages));
  }

  @Override
  public void writeRootfs(Path dir, Consumer<String> progress)
      throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new SandboxUnavailableException("debootstrap needs root: build the image as root"
          + " (ratchet image build), or name an existing image instead");
    }
    List<String> command = new ArrayList<>(List.of("debootstrap", "--variant=minbase"));
    if (!packages.isEmpty()) {
      command.add("--include=" + String.join(",", packages));
    }
    command.addAll(List.of(suite, dir.toString(), mirror));
    progress.accept("debootstrap " + suite + " with " + String.join(" ", packages)
        + " (about a minute)");
    Path log = Files.createTempFile("ratchet-debootstrap", ".log");
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new SandboxUnavailableException("debootstrap is not installed: apt-get install"
            + " debootstrap, or name an existing image", e);
      }
      if (!process.waitFor(20, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new SandboxUnavailableException("debootstrap took over 20 minutes; see " + log);
      }
      if (process.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log);
        throw new SandboxUnavailableException("debootstrap failed (exit " + process.exitValue() + "): "
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
      }
    } finally {
      Files.deleteIfExists(log);
    }
    // Package caches are dead weight in a read-only image.
    SafeFiles.deleteTree(dir.resolve("var/cache/apt/archives"));
    SafeFiles.deleteTree(dir.resolve("var/lib/apt/lists"));
    buildRunner(dir, progress);
  }

  /**
   * Compiles the runner that warm sessions send commands to (see {@code Runner}) with the image's
   * own gcc, in a chroot of the new root filesystem, to {@code /opt/ratchet/runner}.
   */
  private void buildRunner(Path dir, Consumer<String> progress)
      throws IOException, InterruptedException {
    if (!packages.contains("gcc")) {
      return; // without a compiler in the image, sessions use docker exec
    }
    progress.accept("compiling the sandbox runner");
    Path opt = Files.createDirectories(dir.resolve("opt/ratchet"));
    Files.writeString(opt.resolve("runner.c"), runnerSource());
    Process gcc = new ProcessBuilder("chroot", dir.toString(), "gcc", "-O2", "-Wall", "-o",
        Runner.PATH, "/opt/ratchet/runner.c").redirectErrorStream(true).start();
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!gcc.waitFor(5, TimeUnit.MINUTES) || gcc.exitValue() != 0) {
      throw new SandboxUnavailableException("compiling the sandbox runner failed: " + output);
    }
  }

  /** The runner's C source, shipped in this jar. */
  static String runnerSource() {
    return DockerSandbox.bundled("runner.c");
  }
}
