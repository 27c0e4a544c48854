package dev.ratchet.images;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The hottest frames of a flamegraph SVG, as values or as a text table for a model.
 *
 * <p>Reads the SVGs of Brendan Gregg's {@code flamegraph.pl} and of inferno (which {@code cargo
 * flamegraph} uses): every {@code <g>} with a {@code <title>name (1,234 samples, 12.34%)</title>}
 * and a {@code <rect>} is a frame. A frame's parent is the frame one level nearer the root whose
 * x-range holds it; frames of one depth share a {@code y}. inferno's exact {@code fg:x}/{@code
 * fg:w} are used when present, else {@code x}/{@code width} in pixels or percent.
 *
 * <ul>
 *   <li><b>Self</b> samples: a frame's samples less its children's. Frames the generator left out
 *       for being too narrow ({@code flamegraph.pl --minwidth}) count as their parent's self time.
 *   <li><b>Total</b> samples: inclusive; a recursive function is counted once per stack.
 *   <li>A function in several stacks is merged into one row by name.
 *   <li>Percentages are of all samples (the synthetic root {@code all}, which is not listed).
 *   <li>Names: perf's annotations ({@code _[k]}, {@code _[j]}, {@code _[i]}, {@code _[w]}) and
 *       Rust's legacy symbol hashes ({@code ::h0123456789abcdef}) are cut; an unresolved {@code
 *       [unknown]} frame is named after its caller ({@code [unknown] in app::run}) so that unrelated
 *       unknowns are not merged. Fractional counts are rounded.
 * </ul>
 *
 * <p>The SVG is untrusted: a DOCTYPE may name a DTD but is never loaded; an internal subset or any
 * entity declaration is refused; nothing is fetched; input over 20 MiB (20,971,520 characters),
 * over 1,000,000 elements or nested deeper than 256 is refused. Refusals and malformed XML throw
 * {@link dev.ratchet.RatchetException}, whose message says why.
 */
public final class Flamegraphs {
  private static final Pattern PERF_ANNOTATION = Pattern.compile("_\\[[kjiw]]$");
  private static final Pattern RUST_HASH = Pattern.compile("::h[0-9a-f]{16}$");
  private static final int NAME_WIDTH = 120;

  private Flamegraphs() {}

  /**
   * One function of a flamegraph, merged over every stack it appears in.
   *
   * @param function the cleaned function name
   * @param selfSamples samples in the function itself, not in what it calls
   * @param totalSamples samples in the function and what it calls
   * @param selfPercent {@code selfSamples} as a percentage of all samples
   * @param totalPercent {@code totalSamples} as a percentage of all samples
   */
  public record Frame(
      String function, long selfSamples, long totalSamples, double selfPercent,
      double totalPercent) {
    /** Validates the counts. */
    public Frame {
      Objects.requireNonNull(function, "function");
      if (selfSamples < 0 || totalSamples < selfSamples) {
        throw new IllegalArgumentException(
            "need 0 <= selfSamples <= totalSamples, got " + selfSamples + " and " + totalSamples);
      }
      if (!(selfPercent >= 0 && selfPercent <= totalPercent && totalPercent <= 100.0001)) {
        throw new IllegalArgumentException(
            "need 0 <= selfPercent <= totalPercent <= 100, got " + selfPercent + " and "
                + totalPercent);
      }
    }
  }

  /**
   * The {@code n} functions with the most self time, hottest first; ties go to the larger total,
   * then to the name.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   * @throws dev.ratchet.RatchetException if the SVG is refused or is not well-formed
   */
  public static List<Frame> hottest(String svg, int n) {
    Objects.requireNonNull(svg, "svg");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    Graph graph = graph(svg);
    return graph.frames.size() > n ? List.copyOf(graph.frames.subList(0, n)) : graph.frames;
  }

  /**
   * A fixed-width text table of the {@code n} hottest functions: rank, self %, total %, self and
   * total samples, and the name (long names are cut in the middle).
   *
   * @throws IllegalArgumentException if {@code n < 1}
   * @throws dev.ratchet.RatchetException if the SVG is refused or is not well-formed
   */
  public static String table(String svg, int n) {
    Objects.requireNonNull(svg, "svg");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    Graph graph = graph(svg);
    if (graph.frames.isEmpty()) {
      return "no frames found in the flamegraph SVG\n";
    }
    List<Frame> top = graph.frames.subList(0, Math.min(n, graph.frames.size()));
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "hottest %d of %d functions by self time, of %,d samples\n",
        top.size(), graph.frames.size(), graph.totalSamples));
    out.append(String.format(Locale.ROOT, "%4s  %7s  %7s  %12s  %13s  %s\n",
        "rank", "self", "total", "self samples", "total samples", "function"));
    int rank = 0;
    for (Frame f : top) {
      rank++;
      out.append(String.format(Locale.ROOT, "%4d  %6.2f%%  %6.2f%%  %,12d  %,13d  %s\n",
          rank, f.selfPercent(), f.totalPercent(), f.selfSamples(), f.totalSamples(),
          shorten(f.function(), NAME_WIDTH)));
    }
    return out.toString();
  }

  /** All functions, ranked, and the number of samples they are percentages of. */
  private record Graph(List<Frame> frames, long totalSamples) {}

  private static Graph graph(String svg) {
    List<FlamegraphSvg.Box> boxes = FlamegraphSvg.read(svg);
    if (boxes.isEmpty()) {
      return new Graph(List.of(), 0);
    }
    int count = boxes.size();
    int[] depth = depths(boxes);
    int[] parent = parents(boxes, depth);

    long[] childSamples = new long[count];
    long total = 0;
    for (int i = 0; i < count; i++) {
      if (parent[i] >= 0) {
        childSamples[parent[i]] += boxes.get(i).samples();
      } else {
        total += boxes.get(i).samples();
      }
    }
    // names, from the root down, so that [unknown] can be named after its cleaned caller
    Integer[] byDepth = new Integer[count];
    for (int i = 0; i < count; i++) {
      byDepth[i] = i;
    }
    java.util.Arrays.sort(byDepth, Comparator.comparingInt(i -> depth[i]));
    String[] names = new String[count];
    for (int i : byDepth) {
      names[i] = clean(boxes.get(i).name(), parent[i] >= 0 ? names[parent[i]] : null);
    }

    Map<String, long[]> sums = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      if (parent[i] < 0 && boxes.get(i).name().equals("all")) {
        continue; // the synthetic root that both generators draw
      }
      long[] sum = sums.computeIfAbsent(names[i], k -> new long[2]);
      sum[0] += Math.max(0, boxes.get(i).samples() - childSamples[i]);
      if (!hasAncestorNamed(i, names, parent)) {
        sum[1] += boxes.get(i).samples();
      }
    }
    List<Frame> frames = new ArrayList<>(sums.size());
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      long self = e.getValue()[0];
      long inclusive = Math.max(self, e.getValue()[1]);
      frames.add(new Frame(e.getKey(), self, inclusive, percent(self, total),
          percent(inclusive, total)));
    }
    frames.sort(Comparator.comparingLong(Frame::selfSamples).reversed()
        .thenComparing(Comparator.comparingLong(Frame::totalSamples).reversed())
        .thenComparing(Frame::function));
    return new Graph(List.copyOf(frames), total);
  }

  /**
   * Depth of each frame from its y. The root is at one end: the largest y in a flame graph, the
   * smallest in an icicle graph ({@code --inverted}). The end that holds the synthetic root {@code
   * all} is the root; without one, the end with more samples; on a tie, the largest y.
   */
  private static int[] depths(List<FlamegraphSvg.Box> boxes) {
    TreeMap<Double, long[]> levels = new TreeMap<>();
    for (FlamegraphSvg.Box box : boxes) {
      long[] level = levels.computeIfAbsent(level(box.y()), k -> new long[2]);
      level[0] += box.samples();
      if (box.name().equals("all")) {
        level[1] = 1;
      }
    }
    long[] bottom = levels.lastEntry().getValue();
    long[] top = levels.firstEntry().getValue();
    boolean flame = bottom[1] != top[1] ? bottom[1] == 1 : bottom[0] >= top[0];
    Map<Double, Integer> depthOf = new HashMap<>();
    int d = 0;
    for (Double y : flame ? levels.descendingKeySet() : levels.navigableKeySet()) {
      depthOf.put(y, d++);
    }
    int[] depth = new int[boxes.size()];
    for (int i = 0; i < boxes.size(); i++) {
      depth[i] = depthOf.get(level(boxes.get(i).y()));
    }
    return depth;
  }

  private static double level(double y) {
    return Math.rint(y * 100) / 100;
  }

  /** Each frame's parent: the frame one level up whose x-range holds this frame's middle. */
  private static int[] parents(List<FlamegraphSvg.Box> boxes, int[] depth) {
    Map<Integer, List<Integer>> byLevel = new HashMap<>();
    for (int i = 0; i < boxes.size(); i++) {
      byLevel.computeIfAbsent(depth[i], k -> new ArrayList<>()).add(i);
    }
    Map<Integer, double[]> starts = new HashMap<>();
    for (Map.Entry<Integer, List<Integer>> e : byLevel.entrySet()) {
      e.getValue().sort(Comparator.comparingDouble(i -> boxes.get(i).x()));
      double[] xs = new double[e.getValue().size()];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = boxes.get(e.getValue().get(k)).x();
      }
      starts.put(e.getKey(), xs);
    }
    int[] parent = new int[boxes.size()];
    for (int i = 0; i < boxes.size(); i++) {
      parent[i] = -1;
      List<Integer> up = byLevel.get(depth[i] - 1);
      if (up == null) {
        continue;
      }
      FlamegraphSvg.Box box = boxes.get(i);
      double middle = box.x() + box.width() / 2;
      int k = java.util.Arrays.binarySearch(starts.get(depth[i] - 1), middle);
      int candidate = k >= 0 ? k : -k - 2;
      // frames of one level may share an x when some are zero-width; take the last that holds it
      for (int c = candidate; c >= 0; c--) {
        FlamegraphSvg.Box p = boxes.get(up.get(c));
        if (middle <= p.x() + p.width()) {
          parent[i] = up.get(c);
          break;
        }
        if (p.width() > 0) {
          break;
        }
      }
    }
    return parent;
  }

  private static boolean hasAncestorNamed(int i, String[] names, int[] parent) {
    for (int p = parent[i]; p >= 0; p = parent[p]) {
      if (names[p].equals(names[i])) {
        return true;
      }
    }
    return false;
  }

  /** A frame's name for the table: annotations and hashes cut, unknowns named by caller. */
  static String clean(String raw, String caller) {
    String name = raw.strip();
    name = PERF_ANNOTATION.matcher(name).replaceFirst("");
    name = RUST_HASH.matcher(name).replaceFirst("");
    if (name.isEmpty()) {
      return "[empty]";
    }
    if (name.equals("[unknown]") && caller != null) {
      return caller.startsWith("[unknown]") ? caller : "[unknown] in " + caller;
    }
    return name;
  }

  /** Cuts the middle of a long name, keeping its crate path and its last segment. */
  static String shorten(String name, int max) {
    int length = name.codePointCount(0, name.length());
    if (length <= max) {
      return name;
    }
    int head = (max - 1) * 2 / 5;
    int tail = max - 1 - head;
    int headEnd = name.offsetByCodePoints(0, head);
    int tailStart = name.offsetByCodePoints(0, length - tail);
    return name.substring(0, headEnd) + "…" + name.substring(tailStart);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : Math.min(100.0, part * 100.0 / whole);
  }
}
