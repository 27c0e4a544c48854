package dev.ratchet.sandbox.io;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output sink that keeps the first and the last bytes of a stream, never more than its cap in
 * memory, and counts what it dropped in between.
 *
 * <p>The head shows the first errors a compiler printed; the tail holds the summary lines (test
 * results, "could not compile"). Half of the cap goes to each. Writes never block and never fail,
 * so a producer is always drained. Thread-safe: a reader thread writes while another thread may
 * read {@link #text()}.
 */
public final class CappedOutput extends OutputStream {

  private final int headCap;
  private final byte[] head;
  private final byte[] tail;
  private int headLength;
  private long tailWritten;
  private long total;

  /** A sink that keeps at most {@code cap} bytes. */
  public CappedOutput(long cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("cap must not be negative, got " + cap);
    }
    int capped = (int) Math.min(cap, Integer.MAX_VALUE - 8);
    this.headCap = capped - capped / 2;
    this.head = new byte[headCap];
    this.tail = new byte[capped / 2];
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, headCap - headLength);
    if (toHead > 0) {
      System.arraycopy(bytes, offset, head, headLength, toHead);
      headLength += toHead;
    }
    int rest = length - toHead;
    if (rest <= 0 || tail.length == 0) {
      return;
    }
    // Only the last tail.length bytes of this write can survive; write them into the ring.
    int skip = Math.max(0, rest - tail.length);
    int from = offset + toHead + skip;
    int count = rest - skip;
    tailWritten += skip;
    for (int i = 0; i < count; ) {
      int pos = (int) (tailWritten % tail.length);
      int chunk = Math.min(count - i, tail.length - pos);
      System.arraycopy(bytes, from + i, tail, pos, chunk);
      i += chunk;
      tailWritten += chunk;
    }
  }

  /** Bytes written so far. */
  public synchronized long total() {
    return total;
  }

  /** Bytes written but not kept. */
  public synchronized long dropped() {
    return total - headLength - Math.min(tailWritten, tail.length);
  }

  /**
   * The kept bytes, decoded as UTF-8 with replacement; when bytes were dropped, a marker line
   * between head and tail says how many.
   */
  public synchronized String text() {
    String headText = decode(head, 0, headLength);
    long dropped = dropped();
    int tailLength = (int) Math.min(tailWritten, tail.length);
    byte[] tailBytes = new byte[tailLength];
    int start = (int) (tailWritten % Math.max(1, tail.length));
    if (tailWritten <= tail.length) {
      System.arraycopy(tail, 0, tailBytes, 0, tailLength);
    } else {
      System.arraycopy(tail, start, tailBytes, 0, tail.length - start);
      System.arraycopy(tail, 0, tailBytes, tail.length - start, start);
    }
    String tailText = decode(tailBytes, 0, tailLength);
    if (dropped == 0) {
      return headText + tailText;
    }
    return headText + "\n[... " + dropped + " bytes dropped ...]\n" + tailText;
  }

  private static String decode(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8); // replaces malformed input
  }
}
