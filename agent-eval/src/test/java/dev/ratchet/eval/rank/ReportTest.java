package dev.ratchet.eval.rank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.models.ModelCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {

  static Ranking fixture(String... files) {
    return Ranking.of(Fixtures.results(files), Fixtures.catalog());
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  // ---- Markdown

  @Test
  void rankingTable_hasAHeaderARuleAndOneRowPerModel() {
    String table = Report.rankingTable(fixture("results.jsonl"));
    String[] lines = table.split("\n");

    assertThat(lines[0]).isEqualTo("| # | model | evidence | programming 35% | multimodal 20% |"
        + " self-hosting 25% | tool use 10% | licence 10% | total |");
    assertThat(lines[1]).isEqualTo("|--:|---|---|--:|--:|--:|--:|--:|--:|");
    assertThat(lines[2]).startsWith("| 1 | Alpha 27B (alpha-27b) | measured | 5.5 [M] | 8.5 [M] |")
        .endsWith(" | 9.3 [C] | **7.37** |");
    assertThat(lines[3]).startsWith("| 2 | local:my-finetune | measured | 10.0 [M] | 0.0 [?] |");
    assertThat(lines[5]).startsWith("| 4 | Gamma (gamma) | reported only | 0.0 [?] | 0.0 [C] |");
    assertThat(lines).hasSize(8);
    assertThat(lines[7]).startsWith("[M] measured · [R] reported, not measured · [C] catalog");
    for (int i = 0; i < 6; i++) {
      assertThat(lines[i].chars().filter(c -> c == '|').count()).as("line %d", i).isEqualTo(10);
    }
  }

  @Test
  void markdown_hasEverySectionInOrder() {
    String md = Report.markdown(fixture("results.jsonl"));

    assertThat(md).startsWith("# Model ranking\n\n4 models ranked by the survey's weighted"
        + " rubric: 3 with measured results on 3 suites, 1 from catalog facts alone");
    List<String> headings = Pattern.compile("(?m)^## .*$").matcher(md).results()
        .map(m -> m.group()).toList();
    assertThat(headings).containsExactly("## Ranking", "## Per-suite results",
        "## Measured alongside the scores", "## Why each score",
        "## Reference runs (not ranked)", "## Rubric");
    assertThat(md).contains("| humaneval-rs | completion | alpha-27b | 2 | 60.0% | 100.0% | — |"
        + " 2/2 |");
    assertThat(md).contains("| image-tasks-rs | completion, multimodal | alpha-27b | 1 |");
    assertThat(md).contains("| multi-swe-bench-rs | repository | alpha-27b | 2 | 50.0% | — | — |"
        + " 1/2 |");
    assertThat(md).contains("| alpha-27b | 11 | 2 | 2,000 | 2,000 | 50.0 | 90.0% of 20 | 3.0 |"
        + " 5,000 | 300 | 1×L40S 48GB |");
    assertThat(md).contains("| gold | humaneval-rs | completion | 2 | 100.0% | 2/2 |");
    assertThat(md).contains("| gamma | programming & systems engineering | 0.0 | unknown |");
    assertThat(md).endsWith(Rubric.rules());
  }

  @Test
  void markdown_escapesPipesAndHtmlFromFiles() {
    String md = Report.markdown(fixture("hostile.jsonl"));

    assertThat(md).doesNotContain("<script>").doesNotContain("<img");
    assertThat(md).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(Report.md("a|b\nc")).isEqualTo("a\\|b c");
  }

  // ---- HTML

  @Test
  void html_escapesModelAndSuiteNamesFromFiles() {
    String html = Report.html(fixture("hostile.jsonl"));

    assertThat(html).doesNotContain("<script").doesNotContain("<img")
        .doesNotContain("onerror=alert(2)>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(2)&gt;")
        .contains("repo &amp; &quot;quotes&quot;");
  }

  @Test
  void html_isSelfContained_withNoExternalResource() {
    String html = Report.html(Ranking.of(Fixtures.results("results.jsonl"),
        ModelCatalog.builtIn()));

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn")
        .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
        .doesNotContain("src=").doesNotContain("@import").doesNotContain("url(");
    assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\""
        + "default-src 'none'; style-src 'unsafe-inline'\">");
    assertThat(html).contains("<style>");
  }

  @Test
  void html_hasFourChartsAndEveryTable() {
    Ranking r = Ranking.of(Fixtures.results("results.jsonl"), ModelCatalog.builtIn());
    String html = Report.html(r);

    assertThat(count(html, "<svg")).isEqualTo(4);
    assertThat(html).contains("id=\"chart-pass1\"", "id=\"chart-breakdown\"",
        "id=\"chart-cost\"", "id=\"chart-per-dollar\"");
    assertThat(html).contains("<table id=\"ranking\">", "<table id=\"suites\">",
        "<table id=\"extras\">", "<table id=\"provenance\">", "<table id=\"references\">",
        "<dl id=\"rules\">");
    assertThat(count(html, "<tr class=\"standing")).isEqualTo(r.standings().size());
    assertThat(count(html, "<tr class=\"standing reported-only\"")).isEqualTo(
        r.standings().size() - 3);
    assertThat(html).contains("reported only");
  }

  @Test
  void html_drawsABarPerMeasuredModelAndSuite_andAStackPerModel() {
    Ranking r = fixture("results.jsonl");
    String pass1 = Charts.passAt1(r);
    String breakdown = Charts.breakdown(r);

    // alpha: 3 suites; my-finetune: 1; beta-vl: 1
    assertThat(count(pass1, "<rect class=\"bar\"")).isEqualTo(5);
    assertThat(count(pass1, "<rect class=\"swatch\"")).isEqualTo(3);
    assertThat(pass1).contains("<title>Alpha 27B on humaneval-rs: 60.0% (2 tasks)</title>");
    // a segment per non-zero score: alpha 5, my-finetune 2, beta-vl 5, gamma 3
    assertThat(count(breakdown, "<rect class=\"segment\"")).isEqualTo(15);
    assertThat(breakdown).contains("4. Gamma (reported only)");
  }

  @Test
  void charts_sayWhenThereIsNothingToDraw() {
    Ranking r = Ranking.of(List.of(), Fixtures.catalog());

    assertThat(Charts.passAt1(r)).startsWith("<svg").contains("No measured results");
    assertThat(Charts.solvedPerDollar(r)).startsWith("<svg").contains("No throughput measured");
    assertThat(Charts.costVsScore(r)).contains("<circle class=\"point reported\"");
    assertThat(count(Report.html(r), "<svg")).isEqualTo(4);
  }

  @Test
  void costChart_placesPointsOnALogScale_andKeepsLabelsApart() {
    Ranking r = Ranking.of(List.of(), ModelCatalog.builtIn());
    String svg = Charts.costVsScore(r);

    int withCost = (int) r.standings().stream().filter(s -> s.gpuCostUsd().isPresent()).count();
    assertThat(withCost).isGreaterThan(5);
    assertThat(count(svg, "<circle class=\"point")).isEqualTo(2 + withCost);
    assertThat(svg).contains(">$1K</text>", ">$10K</text>", ">$100K</text>", ">$1M</text>");
    // Boxes as the chart reserves them: points 14 px square, labels 6.3 px a character, 11 high.
    List<double[]> boxes = new ArrayList<>();
    Matcher point = Pattern.compile("<circle class=\"point [a-z]+\" cx=\"([\\d.]+)\""
        + " cy=\"([\\d.]+)\" r=\"6.0\"").matcher(svg);
    while (point.find()) {
      boxes.add(new double[] {Double.parseDouble(point.group(1)) - 6,
          Double.parseDouble(point.group(2)) - 6, 12, 12});
    }
    Matcher label = Pattern.compile("<text x=\"([\\d.]+)\" y=\"([\\d.]+)\""
        + " class=\"point-label\">([^<]*)</text>").matcher(svg);
    while (label.find()) {
      boxes.add(new double[] {Double.parseDouble(label.group(1)),
          Double.parseDouble(label.group(2)) - 8.9, label.group(3).length() * 6.3, 10.8});
    }
    assertThat(boxes).hasSize(2 * withCost);
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        double[] a = boxes.get(i);
        double[] b = boxes.get(j);
        boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3]
            && b[1] < a[1] + a[3];
        assertThat(overlap).as("boxes %s and %s overlap", Arrays.toString(a),
            Arrays.toString(b)).isFalse();
      }
    }
  }

  @Test
  void solvedPerDollarChart_hasABarPerModelWithMeasuredThroughputAndACost() {
    String svg = Charts.solvedPerDollar(fixture("results.jsonl"));

    // beta-vl has model times but no GPU cost; my-finetune has no catalog entry
    assertThat(count(svg, "<rect class=\"bar\"")).isEqualTo(1);
    assertThat(svg).contains("Alpha 27B: ").contains("on 1×L40S 48GB ($8,750)")
        .doesNotContain("Beta VL").doesNotContain("my-finetune");
  }

  // ---- JSON

  @Test
  void json_carriesScoresProvenanceAndExtras() throws Exception {
    JsonNode root = new ObjectMapper().readTree(Report.json(fixture("results.jsonl")));

    assertThat(root.path("weights").path("programming").asDouble()).isEqualTo(0.35);
    JsonNode first = root.path("standings").get(0);
    assertThat(first.path("model").asText()).isEqualTo("alpha-27b");
    assertThat(first.path("catalogId").asText()).isEqualTo("alpha-27b");
    assertThat(first.path("measured").asBoolean()).isTrue();
    assertThat(first.path("scores").get(0).path("provenance").asText()).isEqualTo("MEASURED");
    assertThat(first.path("measuredAlongside").path("tokensPerSecond").asDouble())
        .isEqualTo(50.0);
    assertThat(first.path("suites").get(0).path("passAtK").path("5").asDouble()).isEqualTo(1.0);
    JsonNode last = root.path("standings").get(3);
    assertThat(last.path("measured").asBoolean()).isFalse();
    assertThat(last.path("measuredAlongside").path("tokensPerSecond").isNull()).isTrue();
    assertThat(root.path("references").get(0).path("run").asText()).isEqualTo("gold");
  }
}
