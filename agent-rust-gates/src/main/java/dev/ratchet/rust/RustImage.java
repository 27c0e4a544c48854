package dev.ratchet.rust;

import dev.ratchet.sandbox.docker.DebianRootfs;
import dev.ratchet.sandbox.docker.ImageBuilder;
import dev.ratchet.sandbox.docker.ImageRecipe;
import java.util.function.Consumer;

/**
 * The image the Rust gates run in: a Debian root filesystem with gcc and the C library headers
 * (rustc links with them). The toolchains are not copied in: the host's rustup toolchains are
 * mounted read-only by {@link CargoEnvironment}, so a toolchain update needs no image rebuild.
 */
public final class RustImage {

  private RustImage() {}

  /** The recipe ({@code ratchet/debian-gcc:bookworm}). */
  public static ImageRecipe recipe() {
    return DebianRootfs.gcc();
  }

  /**
   * Returns the image name, building it first when the daemon has no image from the same inputs
   * (about 40 s, with progress lines).
   */
  public static String ensure(Consumer<String> progress) {
    try (ImageBuilder builder = ImageBuilder.connect(progress)) {
      return builder.ensure(recipe());
    }
  }

  /** Builds the image now, even when one from the same inputs exists. */
  public static String rebuild(Consumer<String> progress) {
    try (ImageBuilder builder = ImageBuilder.connect(progress)) {
      builder.build(recipe());
      return recipe().image();
    }
  }
}
