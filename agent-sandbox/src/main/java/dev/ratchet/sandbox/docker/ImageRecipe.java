package dev.ratchet.sandbox.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to make a sandbox image from local material, without a registry: a root filesystem written
 * into a directory, imported into the daemon by {@link ImageBuilder}.
 */
public interface ImageRecipe {

  /** The image name to tag, such as {@code ratchet/debian-gcc:bookworm}. */
  String image();

  /**
   * A digest of every input (recipe version, packages, suite...): the same key means the same
   * image, so a daemon that holds an image with this key needs no rebuild.
   */
  String contentKey();

  /** Writes the root filesystem into {@code dir} (empty, on the host), reporting progress. */
  void writeRootfs(Path dir, Consumer<String> progress) throws IOException, InterruptedException;

  /** Extra labels for the image, such as what it contains. */
  default List<String> describe() {
    return List.of();
  }
}
