package dev.ratchet.eval.rank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@link Ranking} as a report: Markdown, JSON, or one self-contained HTML page (inline CSS and
 * inline SVG charts; no script, no external resource of any kind, and a Content-Security-Policy
 * that forbids loading one). Every name from a results file or the catalog is escaped.
 */
public final class Report {
  private static final String[] PROVENANCE_MARK = {"M", "R", "C", "?"};

  private Report() {}

  // ---- Markdown

  /** The ranking table alone, in Markdown, with its legend: what {@code ratchet rank} prints. */
  public static String rankingTable(Ranking ranking) {
    StringBuilder b = new StringBuilder();
    List<String> head = new ArrayList<>(List.of("#", "model", "evidence"));
    for (Dimension d : Dimension.values()) {
      head.add(d.shortLabel() + " " + Math.round(d.weight() * 100) + "%");
    }
    head.add("total");
    b.append(row(head));
    StringBuilder rule = new StringBuilder("|--:|---|---|");
    for (int i = 0; i < Dimension.values().length + 1; i++) {
      rule.append("--:|");
    }
    b.append(rule).append('\n');
    for (Standing s : ranking.standings()) {
      List<String> cells = new ArrayList<>();
      cells.add(String.valueOf(s.rank()));
      cells.add(md(label(s)));
      cells.add(s.isMeasured() ? "measured" : "reported only");
      for (Score score : s.scores()) {
        cells.add(Fmt.one(score.value()) + " [" + mark(score.provenance()) + "]");
      }
      cells.add("**" + Fmt.two(s.total()) + "**");
      b.append(row(cells));
    }
    b.append('\n').append("[M] measured · [R] reported, not measured · [C] catalog ·"
        + " [?] unknown (no evidence: 0). Scores 0–10; total = weighted sum.\n");
    return b.toString();
  }

  /**
   * The whole report in Markdown: the ranking, per-suite results, the figures measured
   * alongside, why each score, reference runs and the rubric's rules.
   */
  public static String markdown(Ranking ranking) {
    StringBuilder b = new StringBuilder();
    b.append("# Model ranking\n\n").append(summary(ranking)).append("\n\n");
    b.append("## Ranking\n\n").append(rankingTable(ranking)).append('\n');

    b.append("## Per-suite results\n\n");
    List<List<String>> suiteRows = suiteRows(ranking);
    if (suiteRows.isEmpty()) {
      b.append("No measured results.\n\n");
    } else {
      b.append(row(SUITE_HEAD)).append("|---|---|---|--:|--:|--:|--:|--:|\n");
      suiteRows.forEach(r -> b.append(row(r.stream().map(Report::md).toList())));
      b.append('\n');
    }

    b.append("## Measured alongside the scores\n\n");
    List<List<String>> extraRows = extraRows(ranking);
    if (extraRows.isEmpty()) {
      b.append("No measured results.\n\n");
    } else {
      b.append(row(EXTRA_HEAD)).append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|\n");
      extraRows.forEach(r -> b.append(row(r.stream().map(Report::md).toList())));
      b.append('\n');
    }

    b.append("## Why each score\n\n").append(row(List.of("model", "dimension", "score",
        "provenance", "why"))).append("|---|---|--:|---|---|\n");
    for (Standing s : ranking.standings()) {
      for (Score score : s.scores()) {
        b.append(row(List.of(md(s.model()), score.dimension().label(), Fmt.one(score.value()),
            score.provenance().describe(), md(score.why()))));
      }
    }
    b.append('\n');

    if (!ranking.references().isEmpty()) {
      b.append("## Reference runs (not ranked)\n\n")
          .append(row(List.of("run", "suite", "kind", "tasks", "pass@1", "solved")))
          .append("|---|---|---|--:|--:|--:|\n");
      referenceRows(ranking).forEach(r -> b.append(row(r.stream().map(Report::md).toList())));
      b.append('\n');
    }

    b.append("## Rubric\n\n").append(Rubric.rules());
    return b.toString();
  }

  // ---- HTML

  /**
   * The whole report as one self-contained HTML page: the ranking table, four inline SVG charts
   * (pass@1 per suite and model, score breakdown, GPU cost vs total score, solved tasks per
   * dollar), per-suite results, the figures measured alongside, why each score, reference runs
   * and the rubric's rules.
   */
  public static String html(Ranking ranking) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Ratchet model ranking</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>Ratchet model ranking</h1>\n<p class=\"summary\">")
        .append(Html.escape(summary(ranking))).append("</p>\n");

    b.append("<section id=\"ranking-section\">\n<h2>Ranking</h2>\n")
        .append("<table id=\"ranking\">\n<thead><tr><th>#</th><th>model</th><th>evidence</th>");
    for (Dimension d : Dimension.values()) {
      b.append("<th>").append(Html.escape(d.label())).append(" <span class=\"weight\">")
          .append(Math.round(d.weight() * 100)).append("%</span></th>");
    }
    b.append("<th>total</th></tr></thead>\n<tbody>\n");
    for (Standing s : ranking.standings()) {
      b.append("<tr class=\"standing").append(s.isMeasured() ? "" : " reported-only")
          .append("\"><td class=\"num\">").append(s.rank()).append("</td><td>")
          .append(modelCell(s)).append("</td><td>")
          .append(s.isMeasured() ? "measured" : "<span class=\"tag reported\">reported only</span>")
          .append("</td>");
      for (Score score : s.scores()) {
        b.append("<td class=\"num score ").append(cssOf(score.provenance()))
            .append("\" title=\"").append(Html.escape(score.provenance().describe() + ": "
                + score.why())).append("\">").append(Fmt.one(score.value()))
            .append(" <span class=\"mark\">").append(Html.escape(mark(score.provenance())))
            .append("</span></td>");
      }
      b.append("<td class=\"num total\">").append(Fmt.two(s.total())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n<p class=\"legend\"><span class=\"mark\">M</span> measured ·"
        + " <span class=\"mark\">R</span> reported, not measured · <span class=\"mark\">C</span>"
        + " catalog · <span class=\"mark\">?</span> unknown (no evidence: 0). Scores 0–10;"
        + " total = weighted sum. Hover a score for why.</p>\n</section>\n");

    b.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
    figure(b, Charts.passAt1(ranking), "pass@1 of each measured model on each suite (mean of"
        + " the unbiased estimator; resolved share for repository suites).");
    figure(b, Charts.breakdown(ranking), "Each bar is a model's total: a dimension's score"
        + " times its weight, stacked.");
    figure(b, Charts.costVsScore(ranking), "Estimated purchase cost of the recommended GPU"
        + " configuration (catalog) against the total score; filled points were measured.");
    figure(b, Charts.solvedPerDollar(ranking), "Solved tasks per dollar of GPU where model"
        + " time was measured: the purchase spread over three years, sequential requests.");
    b.append("</section>\n");

    b.append("<section id=\"suites-section\">\n<h2>Per-suite results</h2>\n");
    table(b, "suites", SUITE_HEAD, suiteRows(ranking), "No measured results.");
    b.append("</section>\n");

    b.append("<section id=\"extras-section\">\n<h2>Measured alongside the scores</h2>\n");
    table(b, "extras", EXTRA_HEAD, extraRows(ranking), "No measured results.");
    b.append("</section>\n");

    b.append("<section id=\"provenance-section\">\n<h2>Why each score</h2>\n");
    List<List<String>> why = new ArrayList<>();
    for (Standing s : ranking.standings()) {
      for (Score score : s.scores()) {
        why.add(List.of(s.model(), score.dimension().label(), Fmt.one(score.value()),
            score.provenance().describe(), score.why()));
      }
    }
    table(b, "provenance", List.of("model", "dimension", "score", "provenance", "why"), why,
        "No models.");
    b.append("</section>\n");

    if (!ranking.references().isEmpty()) {
      b.append("<section id=\"references-section\">\n<h2>Reference runs (not ranked)</h2>\n");
      table(b, "references", List.of("run", "suite", "kind", "tasks", "pass@1", "solved"),
          referenceRows(ranking), "");
      b.append("</section>\n");
    }

    b.append("<section id=\"rubric-section\">\n<h2>Rubric</h2>\n<dl id=\"rules\">\n");
    for (Map.Entry<String, String> rule : Rubric.ruleList()) {
      b.append("<dt>").append(Html.escape(rule.getKey())).append("</dt><dd>")
          .append(Html.escape(rule.getValue())).append("</dd>\n");
    }
    b.append("</dl>\n</section>\n</main>\n</body>\n</html>\n");
    return b.toString();
  }

  // ---- JSON

  /** The ranking as JSON: every standing with its scores, provenance, suites and extras. */
  public static String json(Ranking ranking) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode weights = root.putObject("weights");
    for (Dimension d : Dimension.values()) {
      weights.put(d.name().toLowerCase(Locale.ROOT), d.weight());
    }
    ArrayNode standings = root.putArray("standings");
    for (Standing s : ranking.standings()) {
      ObjectNode o = standings.addObject();
      o.put("rank", s.rank());
      o.put("model", s.model());
      o.put("name", s.name());
      o.put("measured", s.isMeasured());
      ArrayNode names = o.putArray("resultNames");
      s.resultNames().forEach(names::add);
      s.profile().ifPresent(p -> o.put("catalogId", p.id()));
      o.put("total", s.total());
      ArrayNode scores = o.putArray("scores");
      for (Score score : s.scores()) {
        ObjectNode n = scores.addObject();
        n.put("dimension", score.dimension().name().toLowerCase(Locale.ROOT));
        n.put("weight", score.dimension().weight());
        n.put("value", score.value());
        n.put("provenance", score.provenance().name());
        n.put("why", score.why());
      }
      ArrayNode suites = o.putArray("suites");
      for (SuiteResult r : s.measured().suites()) {
        ObjectNode n = suites.addObject();
        n.put("suite", r.suite());
        n.put("kind", r.kind().word());
        n.put("multimodal", r.multimodal());
        n.put("tasks", r.tasks());
        n.put("passAt1", r.passAt1());
        ObjectNode k = n.putObject("passAtK");
        r.passAtK().forEach((kk, v) -> k.put(String.valueOf(kk), v));
        n.put("solved", r.solved());
      }
      Measurements m = s.measured();
      ObjectNode x = o.putObject("measuredAlongside");
      x.put("samples", m.samples());
      x.put("instances", m.instances());
      put(x, "latencyMillis", m.latencyMillis());
      put(x, "medianLatencyMillis", m.medianLatencyMillis());
      put(x, "tokensPerSecond", m.tokensPerSecond());
      x.put("toolCalls", m.toolCalls());
      x.put("invalidToolCalls", m.invalidToolCalls());
      put(x, "toolCallValidity", m.toolCallValidity());
      put(x, "iterationsToSuccess", m.iterationsToSuccess());
      put(x, "gateMillis", m.gateMillis());
      put(x, "runMillis", m.runMillis());
      put(x, "solvedPerDollar", s.solvedPerDollar());
      OptionalLong cost = s.gpuCostUsd();
      if (cost.isPresent()) {
        x.put("gpuCostUsd", cost.getAsLong());
        s.profile().ifPresent(p -> x.put("gpus", p.deployment().configuration()));
      }
    }
    ArrayNode suites = root.putArray("suites");
    ranking.suites().forEach(suites::add);
    ArrayNode references = root.putArray("references");
    ranking.references().forEach((name, m) -> {
      ObjectNode o = references.addObject();
      o.put("run", name);
      ArrayNode rs = o.putArray("suites");
      for (SuiteResult r : m.suites()) {
        rs.addObject().put("suite", r.suite()).put("tasks", r.tasks())
            .put("passAt1", r.passAt1()).put("solved", r.solved());
      }
    });
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the ranking as JSON", e);
    }
  }

  // ---- rows shared by Markdown and HTML (raw text: each format escapes)

  private static final List<String> SUITE_HEAD = List.of("suite", "kind", "model", "tasks",
      "pass@1", "pass@5", "pass@10", "solved");

  private static final List<String> EXTRA_HEAD = List.of("model", "samples", "instances",
      "latency mean (ms)", "latency median (ms)", "tokens/s", "tool-call validity",
      "iterations to success", "gate time (ms)", "run time (ms)", "GPUs", "solved tasks / $");

  private static List<List<String>> suiteRows(Ranking ranking) {
    List<List<String>> rows = new ArrayList<>();
    for (String suite : ranking.suites()) {
      for (Standing s : ranking.measured()) {
        s.measured().suite(suite).ifPresent(r -> rows.add(List.of(suite,
            r.kind().word() + (r.multimodal() ? ", multimodal" : ""), s.model(),
            String.valueOf(r.tasks()), Fmt.pct(r.passAt1()), Fmt.pct(r.passAt(5)),
            Fmt.pct(r.passAt(10)), r.solved() + "/" + r.tasks())));
      }
    }
    return rows;
  }

  private static List<List<String>> extraRows(Ranking ranking) {
    List<List<String>> rows = new ArrayList<>();
    for (Standing s : ranking.measured()) {
      Measurements m = s.measured();
      OptionalDouble validity = m.toolCallValidity();
      rows.add(List.of(s.model(), String.valueOf(m.samples()), String.valueOf(m.instances()),
          Fmt.whole(m.latencyMillis()), Fmt.whole(m.medianLatencyMillis()),
          Fmt.one(m.tokensPerSecond()),
          validity.isPresent() ? Fmt.pct(validity.getAsDouble()) + " of " + m.toolCalls()
              : Fmt.NONE,
          Fmt.one(m.iterationsToSuccess()), Fmt.whole(m.gateMillis()),
          Fmt.whole(m.runMillis()),
          s.profile().map(p -> p.deployment().configuration()).orElse(Fmt.NONE),
          Fmt.whole(s.solvedPerDollar())));
    }
    return rows;
  }

  private static List<List<String>> referenceRows(Ranking ranking) {
    List<List<String>> rows = new ArrayList<>();
    ranking.references().forEach((name, m) -> {
      for (SuiteResult r : m.suites()) {
        rows.add(List.of(name, r.suite(), r.kind().word(), String.valueOf(r.tasks()),
            Fmt.pct(r.passAt1()), r.solved() + "/" + r.tasks()));
      }
    });
    return rows;
  }

  private static String summary(Ranking ranking) {
    int measured = ranking.measured().size();
    int total = ranking.standings().size();
    return total + " models ranked by the survey's weighted rubric: " + measured
        + " with measured results on " + ranking.suites().size() + " suite"
        + (ranking.suites().size() == 1 ? "" : "s") + ", " + (total - measured)
        + " from catalog facts alone (reported only, not measured).";
  }

  // ---- helpers

  private static String label(Standing s) {
    return s.name().equals(s.model()) ? s.model() : s.name() + " (" + s.model() + ")";
  }

  private static String modelCell(Standing s) {
    StringBuilder b = new StringBuilder("<span class=\"name\">").append(Html.escape(s.name()))
        .append("</span>");
    if (!s.name().equals(s.model())) {
      b.append(" <code>").append(Html.escape(s.model())).append("</code>");
    }
    if (s.profile().isEmpty()) {
      b.append(" <span class=\"tag\">not in catalog</span>");
    }
    return b.toString();
  }

  private static void figure(StringBuilder b, String svg, String caption) {
    b.append("<figure>\n").append(svg).append("\n<figcaption>").append(Html.escape(caption))
        .append("</figcaption>\n</figure>\n");
  }

  private static void table(StringBuilder b, String id, List<String> head,
      List<List<String>> rows, String whenEmpty) {
    if (rows.isEmpty()) {
      b.append("<p class=\"empty\">").append(Html.escape(whenEmpty)).append("</p>\n");
      return;
    }
    b.append("<table id=\"").append(id).append("\">\n<thead><tr>");
    head.forEach(h -> b.append("<th>").append(Html.escape(h)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      b.append("<tr>");
      for (String cell : r) {
        b.append(numeric(cell) ? "<td class=\"num\">" : "<td>").append(Html.escape(cell))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static boolean numeric(String cell) {
    return !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.equals(Fmt.NONE))
        && cell.length() < 24;
  }

  private static String mark(Provenance p) {
    return PROVENANCE_MARK[p.ordinal()];
  }

  private static String cssOf(Provenance p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  private static void put(ObjectNode o, String field, OptionalDouble value) {
    if (value.isPresent()) {
      o.put(field, value.getAsDouble());
    } else {
      o.putNull(field);
    }
  }

  /** A Markdown table row of already escaped cells. */
  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** Text safe in a Markdown table cell: no pipes, no line breaks, no raw HTML. */
  static String md(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
        .replace(">", "&gt;").replace("\r", " ").replace("\n", " ");
  }

  private static final String CSS = String.join("\n",
      "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;"
          + " margin: 0; color: #1a202c; background: #fff; }",
      "main { max-width: 1200px; margin: 0 auto; padding: 24px; }",
      "h1 { font-size: 1.7em; margin: 0 0 8px; }",
      "h2 { font-size: 1.25em; margin: 32px 0 12px; border-bottom: 1px solid #e2e8f0;"
          + " padding-bottom: 4px; }",
      ".summary, .legend, figcaption, .empty { color: #4a5568; }",
      "table { border-collapse: collapse; width: 100%; font-size: 0.9em; }",
      "th, td { border: 1px solid #e2e8f0; padding: 4px 8px; text-align: left;"
          + " vertical-align: top; }",
      "th { background: #f7fafc; }",
      "td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }",
      "td.total { font-weight: bold; }",
      "tr.reported-only td { color: #4a5568; font-style: italic; }",
      ".mark { font-size: 0.75em; color: #718096; border: 1px solid #cbd5e0;"
          + " border-radius: 3px; padding: 0 3px; font-style: normal; }",
      "td.measured .mark { color: #22543d; border-color: #38a169; }",
      "td.reported .mark { color: #744210; border-color: #d69e2e; }",
      "td.unknown { color: #a0aec0; }",
      ".tag { font-size: 0.8em; background: #edf2f7; border-radius: 3px; padding: 1px 4px; }",
      ".tag.reported { background: #fefcbf; }",
      ".weight { color: #718096; font-weight: normal; }",
      "figure { margin: 16px 0 28px; }",
      "svg.chart { max-width: 100%; height: auto; display: block; }",
      "svg .chart-title { font-size: 14px; font-weight: bold; fill: #1a202c; }",
      "svg .tick, svg .legend, svg .label, svg .value, svg .point-label { font-size: 11px;"
          + " fill: #2d3748; }",
      "svg .label.reported { fill: #718096; font-style: italic; }",
      "svg .empty { font-size: 13px; fill: #718096; }",
      "svg .grid { stroke: #edf2f7; stroke-width: 1; }",
      "svg .axis { stroke: #4a5568; stroke-width: 1; }",
      "svg .point.measured { fill: #2b6cb0; stroke: #1a365d; stroke-width: 1; }",
      "svg .point.reported { fill: #fff; stroke: #718096; stroke-width: 1.5; }",
      "dt { font-weight: bold; margin-top: 10px; }",
      "dd { margin: 2px 0 0 0; color: #2d3748; }",
      "code { font-size: 0.9em; color: #4a5568; }",
      "");
}
