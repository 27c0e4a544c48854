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

  /** The first allocation of each part; both grow as the output does, up to their caps. */
  private static final int INITIAL_BYTES = 8 * 1024;

  private final int headCap;
  private final int tailCap;
  private byte[] head = new byte[0];
  /** A ring of {@code tailCap} bytes once full; until then it holds the tail from index 0. */
  private byte[] tail = new byte[0];
  private int headLength;
  private long tailWritten;
  private long total;

  /**
   * A sink that keeps at most {@code cap} bytes. Memory grows with the output, so a large cap for a
   * command that prints little costs little.
   */
  public CappedOutput(long cap) {
    if (cap < 0) {
      throw new IllegalArgumentException("cap must not be negative, got " + cap);
    }
    int capped = (int) Math.min(cap, Integer.MAX_VALUE - 8);
    this.headCap = capped - capped / 2;
    this.tailCap = capped / 2;
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
      head = grown(head, headLength + toHead, headCap);
      System.arraycopy(bytes, offset, head, headLength, toHead);
      headLength += toHead;
    }
    int rest = length - toHead;
    if (rest <= 0 || tailCap == 0) {
      return;
    }
    // Only the last tailCap bytes of this write can survive; write them into the ring.
    int skip = Math.max(0, rest - tailCap);
    int from = offset + toHead + skip;
    int count = rest - skip;
    tailWritten += skip;
    tail = grown(tail, (int) Math.min(tailCap, tailWritten + count), tailCap);
    for (int i = 0; i < count; ) {
      int pos = (int) (tailWritten % tailCap);
      int chunk = Math.min(count - i, tailCap - pos);
      System.arraycopy(bytes, from + i, tail, pos, chunk);
      i += chunk;
      tailWritten += chunk;
    }
  }

  /**
   * {@code buffer}, or a copy of it with room for {@code needed} bytes (doubling, at most {@code
   * cap}). A ring reaches its cap before it wraps, so its indexes never change meaning.
   */
  private static byte[] grown(byte[] buffer, int needed, int cap) {
    if (needed <= buffer.length) {
      return buffer;
    }
    int size = (int) Math.min(cap, Math.max(needed, Math.max(INITIAL_BYTES,
        2L * buffer.length)));
    return java.util.Arrays.copyOf(buffer, size);
  }

  /** Bytes written so far. */
  public synchronized long total() {
    return total;
  }

  /** Bytes written but not kept. */
  public synchronized long dropped() {
    return total - headLength - Math.min(tailWritten, tailCap);
  }

  /**
   * The kept bytes, decoded as UTF-8 with replacement; when bytes were dropped, a marker line
   * between head and tail says how many.
   */
  public synchronized String text() {
    String headText = decode(head, 0, headLength);
    long dropped = dropped();
    int tailLength = (int) Math.min(tailWritten, tailCap);
    byte[] tailBytes = new byte[tailLength];
    if (tailWritten <= tailCap) {
      System.arraycopy(tail, 0, tailBytes, 0, tailLength);
    } else {
      int start = (int) (tailWritten % tailCap);
      System.arraycopy(tail, start, tailBytes, 0, tailCap - start);
      System.arraycopy(tail, 0, tailBytes, tailCap - start, start);
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
