package dev.ratchet.model;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An image given to a model with the text: a screenshot of a failing CI log, a flamegraph.
 *
 * @param name a file-like name for transcripts and text substitutes
 * @param mimeType {@code image/png} or {@code image/jpeg}
 * @param data the bytes (copied in and out)
 */
public record Attachment(String name, String mimeType, byte[] data) {
  private static final Set<String> SUPPORTED = Set.of("image/png", "image/jpeg");

  /** Validates the type and copies the bytes. */
  public Attachment {
    Objects.requireNonNull(name, "name");
    if (!SUPPORTED.contains(mimeType)) {
      throw new IllegalArgumentException(
          "attachment " + name + " has type " + mimeType + "; use image/png or image/jpeg");
    }
    data = data.clone();
  }

  /** Returns a copy of the bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The bytes as standard Base64. */
  public String base64() {
    return Base64.getEncoder().encodeToString(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a
        && name.equals(a.name)
        && mimeType.equals(a.mimeType)
        && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, mimeType, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Attachment[" + name + ", " + mimeType + ", " + data.length + " bytes]";
  }
}
