package dev.ratchet.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Watches this JVM's heap while a benchmark runs: the most heap in use at any sample (garbage
 * included: what the process needed room for) and the most that survived a collection (what the
 * code kept). Samples every 20 ms on a daemon thread, and once more when asked.
 *
 * <pre>{@code
 * try (HeapWatch heap = HeapWatch.start()) {
 *   runTheLoop();
 *   System.out.println(heap.report());
 * }
 * }</pre>
 */
public final class HeapWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakLive;

  private HeapWatch() {
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching (the pools' peaks are reset first). */
  public static HeapWatch start() {
    return new HeapWatch();
  }

  private void sample() {
    while (running) {
      record();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void record() {
    long used = 0;
    long live = 0;
    for (MemoryPoolMXBean p : pools) {
      used += p.getUsage().getUsed();
      if (p.getCollectionUsage() != null) {
        live += p.getCollectionUsage().getUsed();
      }
    }
    peakUsed = Math.max(peakUsed, used);
    peakLive = Math.max(peakLive, live);
  }

  /** The most heap in use at once, in bytes, garbage included. */
  public long peakUsedBytes() {
    record();
    return peakUsed;
  }

  /** The most heap that survived a collection, in bytes: what the code under test retained. */
  public long peakLiveBytes() {
    record();
    return peakLive;
  }

  /** One line: peak used, peak live after GC, and the heap limit, in MiB. */
  public String report() {
    return String.format(Locale.ROOT, "peak heap used %.1f MiB, peak live after GC %.1f MiB"
        + " (max heap %.0f MiB)", peakUsedBytes() / 1048576.0, peakLiveBytes() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
