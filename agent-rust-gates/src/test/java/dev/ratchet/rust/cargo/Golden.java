package dev.ratchet.rust.cargo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Golden files under {@code src/test/resources/cargo/<case>/}, recorded by regenerate.sh. */
final class Golden {

  private Golden() {}

  /** The text of {@code cargo/<path>}. */
  static String text(String path) {
    try (InputStream in = Golden.class.getResourceAsStream("/cargo/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file cargo/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory {@code cargo/<path>} on disk. */
  static Path dir(String path) {
    URL url = Golden.class.getResource("/cargo/" + path);
    if (url == null) {
      throw new IllegalArgumentException("no golden directory cargo/" + path);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
