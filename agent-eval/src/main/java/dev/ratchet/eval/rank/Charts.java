package dev.ratchet.eval.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The report's four charts as inline SVG, drawn by hand: pass@1 per suite and model (grouped
 * bars), the score breakdown (stacked bars), GPU cost against total score (scatter) and solved
 * tasks per dollar (bars). Each method returns exactly one {@code <svg>} element, with a message
 * in place of the marks when there is nothing to draw. All text is escaped.
 */
final class Charts {
  static final int WIDTH = 900;

  /** Colours of the models' series, cycled. */
  private static final String[] SERIES = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
      "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  /** Colours of the rubric's dimensions. */
  static final Map<Dimension, String> DIMENSION_COLOURS = dimensionColours();

  private Charts() {}

  // ---- pass@1 per suite and model

  static String passAt1(Ranking ranking) {
    List<Standing> models = ranking.measured();
    List<String> suites = new ArrayList<>();
    for (String suite : ranking.suites()) {
      if (models.stream().anyMatch(s -> s.measured().suite(suite).isPresent())) {
        suites.add(suite);
      }
    }
    String title = "pass@1 per suite and model (resolved share for repository suites)";
    if (suites.isEmpty()) {
      return empty("chart-pass1", title, "No measured results: pass RESULTS files to see"
          + " pass@1 per suite and model.");
    }
    int left = 60;
    int top = 30;
    int plotW = WIDTH - left - 20;
    int plotH = 240;
    int perRow = 4;
    int legendRows = (models.size() + perRow - 1) / perRow;
    int height = top + plotH + 40 + legendRows * 18 + 16;
    Svg svg = new Svg("chart-pass1", WIDTH, height, title);
    svg.text(left, 18, title, "class=\"chart-title\"");
    for (int pct = 0; pct <= 100; pct += 20) {
      double y = top + plotH - plotH * pct / 100.0;
      svg.line(left, y, left + plotW, y, "class=\"grid\"");
      svg.text(left - 6, y + 4, pct + "%", "class=\"tick\" text-anchor=\"end\"");
    }
    double groupW = (double) plotW / suites.size();
    double barW = Math.min(28, groupW * 0.8 / models.size());
    for (int g = 0; g < suites.size(); g++) {
      String suite = suites.get(g);
      double groupX = left + g * groupW + (groupW - barW * models.size()) / 2;
      for (int m = 0; m < models.size(); m++) {
        Standing s = models.get(m);
        var result = s.measured().suite(suite);
        if (result.isEmpty()) {
          continue;
        }
        double v = result.get().passAt1();
        double h = plotH * v;
        svg.rect(groupX + m * barW, top + plotH - h, Math.max(barW - 1, 1), h,
            SERIES[m % SERIES.length], "bar",
            s.name() + " on " + suite + ": " + Fmt.pct(v) + " (" + result.get().tasks()
                + " tasks)");
      }
      svg.text(left + g * groupW + groupW / 2, top + plotH + 16,
          truncate(suite, (int) Math.max(4, groupW / 7)), "class=\"label\" text-anchor=\"middle\"");
    }
    svg.line(left, top + plotH, left + plotW, top + plotH, "class=\"axis\"");
    double legendTop = top + plotH + 34;
    for (int m = 0; m < models.size(); m++) {
      double x = left + (m % perRow) * 205;
      double y = legendTop + (m / perRow) * 18;
      svg.rect(x, y, 12, 12, SERIES[m % SERIES.length], "swatch", models.get(m).name());
      svg.text(x + 16, y + 10, truncate(models.get(m).name(), 28), "class=\"legend\"");
    }
    return svg.close();
  }

  // ---- score breakdown

  static String breakdown(Ranking ranking) {
    List<Standing> rows = ranking.standings();
    String title = "Score breakdown: weighted points per dimension (total 0–10)";
    if (rows.isEmpty()) {
      return empty("chart-breakdown", title, "No models to rank.");
    }
    int left = 300;
    int top = 52;
    int rowH = 22;
    int plotW = WIDTH - left - 70;
    int height = top + rows.size() * rowH + 36;
    Svg svg = new Svg("chart-breakdown", WIDTH, height, title);
    svg.text(10, 18, title, "class=\"chart-title\"");
    double lx = 10;
    for (Dimension d : Dimension.values()) {
      svg.rect(lx, 28, 12, 12, DIMENSION_COLOURS.get(d), "swatch", d.label());
      String label = d.shortLabel() + " " + Math.round(d.weight() * 100) + "%";
      svg.text(lx + 16, 38, label, "class=\"legend\"");
      lx += 30 + label.length() * 7;
    }
    for (int tick = 0; tick <= 10; tick += 2) {
      double x = left + plotW * tick / 10.0;
      svg.line(x, top - 4, x, top + rows.size() * rowH, "class=\"grid\"");
      svg.text(x, top + rows.size() * rowH + 16, String.valueOf(tick),
          "class=\"tick\" text-anchor=\"middle\"");
    }
    for (int i = 0; i < rows.size(); i++) {
      Standing s = rows.get(i);
      double y = top + i * rowH;
      String name = s.rank() + ". " + s.name() + (s.isMeasured() ? "" : " (reported only)");
      svg.text(left - 8, y + 15, truncate(name, 46), "class=\"label"
          + (s.isMeasured() ? "" : " reported") + "\" text-anchor=\"end\"");
      double x = left;
      for (Score score : s.scores()) {
        double w = plotW * score.weighted() / 10.0;
        if (w > 0) {
          svg.rect(x, y + 3, w, rowH - 6, DIMENSION_COLOURS.get(score.dimension()), "segment",
              s.name() + ", " + score.dimension().label() + ": " + Fmt.one(score.value())
                  + " × " + Math.round(score.dimension().weight() * 100) + "% = "
                  + Fmt.two(score.weighted()) + " (" + score.provenance().describe() + ")");
        }
        x += w;
      }
      svg.text(x + 6, y + 15, Fmt.two(s.total()), "class=\"value\"");
    }
    return svg.close();
  }

  // ---- GPU cost vs total score

  static String costVsScore(Ranking ranking) {
    List<Standing> points = new ArrayList<>();
    for (Standing s : ranking.standings()) {
      if (s.gpuCostUsd().isPresent() && s.gpuCostUsd().getAsLong() > 0) {
        points.add(s);
      }
    }
    String title = "Cost of the recommended GPU configuration vs total score";
    if (points.isEmpty()) {
      return empty("chart-cost", title, "No model has a recommended GPU configuration with a"
          + " cost in the catalog.");
    }
    int left = 70;
    int top = 40;
    int plotW = WIDTH - left - 200;
    int plotH = 320;
    int height = top + plotH + 64;
    double lo = Math.floor(Math.log10(points.stream().mapToLong(s -> s.gpuCostUsd().getAsLong())
        .min().getAsLong()));
    double hi = Math.ceil(Math.log10(points.stream().mapToLong(s -> s.gpuCostUsd().getAsLong())
        .max().getAsLong()));
    if (hi <= lo) {
      hi = lo + 1;
    }
    final double fromDecade = lo;
    final double decades = hi - lo;
    Svg svg = new Svg("chart-cost", WIDTH, height, title);
    svg.text(10, 18, title, "class=\"chart-title\"");
    svg.circle(WIDTH - 190, 14, 5, "point measured", "measured");
    svg.text(WIDTH - 180, 18, "measured", "class=\"legend\"");
    svg.circle(WIDTH - 100, 14, 5, "point reported", "reported only");
    svg.text(WIDTH - 90, 18, "reported only", "class=\"legend\"");
    for (int score = 0; score <= 10; score += 2) {
      double y = top + plotH - plotH * score / 10.0;
      svg.line(left, y, left + plotW, y, "class=\"grid\"");
      svg.text(left - 6, y + 4, String.valueOf(score), "class=\"tick\" text-anchor=\"end\"");
    }
    for (double d = lo; d <= hi; d++) {
      double x = left + plotW * (d - lo) / decades;
      svg.line(x, top, x, top + plotH, "class=\"grid\"");
      svg.text(x, top + plotH + 16, dollarsShort(Math.pow(10, d)),
          "class=\"tick\" text-anchor=\"middle\"");
    }
    svg.text(left + plotW / 2.0, top + plotH + 40,
        "estimated GPU purchase cost, USD (log scale)", "class=\"label\" text-anchor=\"middle\"");
    svg.text(14, top + plotH / 2.0, "total score", "class=\"label\" text-anchor=\"middle\""
        + " transform=\"rotate(-90 14 " + fmt(top + plotH / 2.0) + ")\"");
    points.sort(Comparator.comparingLong((Standing s) -> s.gpuCostUsd().getAsLong())
        .thenComparing(Comparator.comparingDouble(Standing::total).reversed())
        .thenComparing(Standing::model));
    // Boxes (x, top, width, height) that a label must not cover: every point, then each label.
    List<double[]> taken = new ArrayList<>();
    List<double[]> centres = new ArrayList<>();
    for (Standing s : points) {
      double x = left + plotW * (Math.log10(s.gpuCostUsd().getAsLong()) - fromDecade) / decades;
      double y = top + plotH - plotH * s.total() / 10.0;
      centres.add(new double[] {x, y});
      taken.add(new double[] {x - 7, y - 7, 14, 14});
    }
    for (int i = 0; i < points.size(); i++) {
      Standing s = points.get(i);
      double x = centres.get(i)[0];
      double y = centres.get(i)[1];
      svg.circle(x, y, 6, "point " + (s.isMeasured() ? "measured" : "reported"),
          s.name() + ": " + Fmt.usd(s.gpuCostUsd().getAsLong()) + ", total "
              + Fmt.two(s.total()) + (s.isMeasured() ? "" : " (reported only)"));
      String label = truncate(s.model(), 24);
      double labelW = label.length() * 6.3;
      double[] at = placeLabel(taken, x, y, labelW);
      taken.add(new double[] {at[0], at[1] - 9, labelW, 11});
      svg.text(at[0], at[1], label, "class=\"point-label\"");
    }
    return svg.close();
  }

  /**
   * Where a label of width {@code w} for the point at (x, y) covers no taken box: right of the
   * point, else left of it, each at the point's height or stepped up and down by 12 px; the
   * result is the label's left edge and baseline.
   */
  private static double[] placeLabel(List<double[]> taken, double x, double y, double w) {
    for (int step = 0; step < 30; step++) {
      double dy = (step % 2 == 0 ? 1 : -1) * ((step + 1) / 2) * 12;
      for (double lx : new double[] {x + 9, x - 9 - w}) {
        double baseline = y + 4 + dy;
        boolean inside = lx >= 2 && lx + w <= WIDTH - 2 && baseline - 9 >= 24;
        if (inside && free(taken, lx, baseline - 9, w, 11)) {
          return new double[] {lx, baseline};
        }
      }
    }
    return new double[] {x + 9, y + 4};
  }

  private static boolean free(List<double[]> taken, double x, double y, double w, double h) {
    for (double[] b : taken) {
      if (x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h) {
        return false;
      }
    }
    return true;
  }

  // ---- solved tasks per dollar

  static String solvedPerDollar(Ranking ranking) {
    List<Standing> rows = new ArrayList<>();
    for (Standing s : ranking.standings()) {
      if (s.solvedPerDollar().isPresent()) {
        rows.add(s);
      }
    }
    rows.sort(Comparator.comparingDouble((Standing s) -> s.solvedPerDollar().getAsDouble())
        .reversed().thenComparing(Standing::model));
    String title = "Solved tasks per dollar of GPU (3-year amortization, where throughput was"
        + " measured)";
    if (rows.isEmpty()) {
      return empty("chart-per-dollar", title, "No throughput measured: no model with a GPU cost"
          + " in the catalog has results with model times.");
    }
    int left = 250;
    int top = 34;
    int rowH = 24;
    int plotW = WIDTH - left - 110;
    int height = top + rows.size() * rowH + 36;
    double max = niceCeil(rows.get(0).solvedPerDollar().getAsDouble());
    Svg svg = new Svg("chart-per-dollar", WIDTH, height, title);
    svg.text(10, 18, title, "class=\"chart-title\"");
    for (int t = 0; t <= 4; t++) {
      double x = left + plotW * t / 4.0;
      svg.line(x, top - 4, x, top + rows.size() * rowH, "class=\"grid\"");
      svg.text(x, top + rows.size() * rowH + 16, Fmt.whole(OptionalDouble.of(max * t / 4)),
          "class=\"tick\" text-anchor=\"middle\"");
    }
    for (int i = 0; i < rows.size(); i++) {
      Standing s = rows.get(i);
      double v = s.solvedPerDollar().getAsDouble();
      double y = top + i * rowH;
      double w = plotW * v / max;
      svg.text(left - 8, y + 16, truncate(s.name(), 38), "class=\"label\" text-anchor=\"end\"");
      OptionalLong cost = s.gpuCostUsd();
      svg.rect(left, y + 4, Math.max(w, 1), rowH - 8, SERIES[i % SERIES.length], "bar",
          s.name() + ": " + Fmt.whole(OptionalDouble.of(v)) + " solved tasks per dollar on "
              + s.profile().map(p -> p.deployment().configuration()).orElse("?") + " ("
              + Fmt.usd(cost.getAsLong()) + ")");
      svg.text(left + w + 6, y + 16, Fmt.whole(OptionalDouble.of(v)), "class=\"value\"");
    }
    return svg.close();
  }

  // ---- helpers

  private static String empty(String id, String title, String message) {
    Svg svg = new Svg(id, WIDTH, 80, title);
    svg.text(10, 18, title, "class=\"chart-title\"");
    svg.text(10, 52, message, "class=\"empty\"");
    return svg.close();
  }

  static double niceCeil(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double f : new double[] {1, 2, 2.5, 5, 10}) {
      if (f * magnitude >= v) {
        return f * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String dollarsShort(double usd) {
    if (usd >= 1_000_000) {
      return "$" + trim(usd / 1_000_000) + "M";
    }
    if (usd >= 1_000) {
      return "$" + trim(usd / 1_000) + "K";
    }
    return "$" + trim(usd);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : Fmt.one(v);
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static Map<Dimension, String> dimensionColours() {
    Map<Dimension, String> m = new EnumMap<>(Dimension.class);
    m.put(Dimension.PROGRAMMING, "#2b6cb0");
    m.put(Dimension.MULTIMODAL, "#d69e2e");
    m.put(Dimension.SELF_HOSTING, "#38a169");
    m.put(Dimension.TOOL_USE, "#805ad5");
    m.put(Dimension.LICENCE, "#c53030");
    return m;
  }

  /** An SVG document under construction; every text and tooltip is escaped. */
  private static final class Svg {
    private final StringBuilder b = new StringBuilder();

    Svg(String id, int width, int height, String title) {
      b.append("<svg class=\"chart\" id=\"").append(id).append("\" role=\"img\" viewBox=\"0 0 ")
          .append(width).append(' ').append(height).append("\" width=\"").append(width)
          .append("\" height=\"").append(height).append("\"><title>")
          .append(Html.escape(title)).append("</title>\n");
    }

    void text(double x, double y, String text, String attributes) {
      b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" ")
          .append(attributes).append('>').append(Html.escape(text)).append("</text>\n");
    }

    void line(double x1, double y1, double x2, double y2, String attributes) {
      b.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1))
          .append("\" x2=\"").append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" ")
          .append(attributes).append("/>\n");
    }

    void rect(double x, double y, double w, double h, String fill, String cssClass,
        String tooltip) {
      b.append("<rect class=\"").append(cssClass).append("\" x=\"").append(fmt(x))
          .append("\" y=\"").append(fmt(y)).append("\" width=\"").append(fmt(w))
          .append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(fill)
          .append("\"><title>").append(Html.escape(tooltip)).append("</title></rect>\n");
    }

    void circle(double cx, double cy, double r, String cssClass, String tooltip) {
      b.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(fmt(cx))
          .append("\" cy=\"").append(fmt(cy)).append("\" r=\"").append(fmt(r))
          .append("\"><title>").append(Html.escape(tooltip)).append("</title></circle>\n");
    }

    String close() {
      return b.append("</svg>").toString();
    }
  }
}
