package dev.ratchet.rust.cargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares benchmark estimates with a baseline the gate keeps, and reads and writes that
 * baseline as a small JSON document.
 *
 * <p>A regression needs both: the mean grew by more than the threshold, and the confidence
 * intervals of the two means do not overlap (the change is outside the noise). A benchmark in
 * the baseline that was not measured now is {@link BenchVerdict.Kind#MISSING}, which blocks as
 * a regression does. Trusts the estimates it is given; keep the baseline outside the tree the
 * model edits.
 */
public final class BenchComparison {

  /**
   * Refuses a threshold that is not a fraction from 0 (any change outside the noise counts) to
   * below 10 (a tenfold slowdown).
   */
  public static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold < 10)) {
      throw new IllegalArgumentException("threshold is a fraction from 0 to below 10, such as"
          + " 0.10 for 10%; got " + threshold);
    }
  }

  /** The default threshold: 10% on the mean. */
  public static final double DEFAULT_THRESHOLD = 0.10;
  static final String FORMAT = "ratchet-bench-baseline/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchComparison() {}

  /** Compares with {@link #DEFAULT_THRESHOLD}. */
  public static List<BenchVerdict> compare(List<BenchEstimate> baseline,
      List<BenchEstimate> current) {
    return compare(baseline, current, DEFAULT_THRESHOLD);
  }

  /**
   * Compares each benchmark's mean with the baseline's.
   *
   * @param threshold the relative change that counts, such as 0.10 for 10%
   * @return one verdict per benchmark in either list, by name
   */
  public static List<BenchVerdict> compare(List<BenchEstimate> baseline,
      List<BenchEstimate> current, double threshold) {
    checkThreshold(threshold);
    Map<String, BenchEstimate> before = byName(baseline);
    Map<String, BenchEstimate> now = byName(current);
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(now.keySet());
    List<BenchVerdict> out = new ArrayList<>();
    for (String name : names) {
      BenchEstimate b = before.get(name);
      BenchEstimate c = now.get(name);
      if (b == null) {
        Unit unit = Unit.of(c.mean().point());
        out.add(new BenchVerdict(name, BenchVerdict.Kind.NEW, 0, name + ": new benchmark, "
            + unit.format(c.mean().point()) + " " + unit.ci(c.mean())));
      } else if (c == null) {
        out.add(new BenchVerdict(name, BenchVerdict.Kind.MISSING, 0, name + ": in the baseline"
            + " but not measured now; a removed or renamed benchmark would hide a regression"));
      } else {
        out.add(verdict(name, b.mean(), c.mean(), threshold));
      }
    }
    return out;
  }

  private static BenchVerdict verdict(String name, BenchEstimate.Interval before,
      BenchEstimate.Interval now, double threshold) {
    Unit unit = Unit.of(before.point());
    double change = before.point() == 0 ? 0 : (now.point() - before.point()) / before.point();
    boolean overlap = before.overlaps(now);
    String numbers = name + ": " + unit.format(before.point()) + " → " + unit.format(now.point())
        + " (" + String.format(Locale.ROOT, "%+.1f%%", change * 100) + "), CIs "
        + unit.ci(before) + " vs " + unit.ci(now) + (overlap ? " overlap" : " do not overlap");
    String threshold100 = String.format(Locale.ROOT, "%.0f%%", threshold * 100);
    if (!overlap && change > threshold) {
      return new BenchVerdict(name, BenchVerdict.Kind.REGRESSION, change,
          numbers + ": regression");
    }
    if (!overlap && change < -threshold) {
      return new BenchVerdict(name, BenchVerdict.Kind.IMPROVEMENT, change,
          numbers + ": improvement");
    }
    return new BenchVerdict(name, BenchVerdict.Kind.WITHIN_NOISE, change, numbers
        + (overlap ? ": within noise" : ", but the change is within the " + threshold100
            + " threshold: within noise"));
  }

  private static Map<String, BenchEstimate> byName(List<BenchEstimate> estimates) {
    Map<String, BenchEstimate> out = new TreeMap<>();
    for (BenchEstimate e : estimates) {
      if (out.putIfAbsent(e.name(), e) != null) {
        throw new IllegalArgumentException("benchmark '" + e.name() + "' appears twice");
      }
    }
    return out;
  }

  /** The baseline document for these estimates: stable key order, so it diffs well. */
  public static String toBaselineJson(List<BenchEstimate> estimates) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode benchmarks = root.putObject("benchmarks");
    byName(estimates).forEach((name, e) -> {
      ObjectNode bench = benchmarks.putObject(name);
      put(bench.putObject("mean"), e.mean());
      put(bench.putObject("median"), e.median());
    });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a baseline", e);
    }
  }

  /**
   * Reads a baseline written by {@link #toBaselineJson}.
   *
   * @throws IllegalArgumentException when the text is not such a baseline
   */
  public static List<BenchEstimate> fromBaselineJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the baseline is not JSON", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("the baseline does not say \"format\": \"" + FORMAT
          + "\"");
    }
    List<BenchEstimate> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.path("benchmarks").properties()) {
      out.add(new BenchEstimate(e.getKey(), interval(e.getValue().path("mean")),
          interval(e.getValue().path("median"))));
    }
    return List.copyOf(out);
  }

  private static void put(ObjectNode node, BenchEstimate.Interval i) {
    node.put("point", i.point());
    node.put("lower", i.lower());
    node.put("upper", i.upper());
  }

  private static BenchEstimate.Interval interval(JsonNode node) {
    for (String field : List.of("point", "lower", "upper")) {
      if (!node.path(field).isNumber()) {
        throw new IllegalArgumentException("the baseline lacks a number at " + field);
      }
    }
    return new BenchEstimate.Interval(node.path("point").asDouble(),
        node.path("lower").asDouble(), node.path("upper").asDouble());
  }

  /** A time unit chosen so the numbers read well. */
  private record Unit(String symbol, double nanos) {
    static Unit of(double ns) {
      return ns >= 1e9 ? new Unit("s", 1e9) : ns >= 1e6 ? new Unit("ms", 1e6)
          : ns >= 1e3 ? new Unit("µs", 1e3) : new Unit("ns", 1);
    }

    String number(double ns) {
      double v = ns / nanos;
      String pattern = v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f";
      return String.format(Locale.ROOT, pattern, v);
    }

    String format(double ns) {
      return number(ns) + " " + symbol;
    }

    String ci(BenchEstimate.Interval i) {
      return "[" + number(i.lower()) + "," + number(i.upper()) + "]";
    }
  }
}
