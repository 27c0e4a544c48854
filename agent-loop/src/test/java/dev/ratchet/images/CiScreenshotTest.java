package dev.ratchet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.images.LogPlan.Highlight;
import dev.ratchet.images.LogPlan.Kind;
import dev.ratchet.images.LogPlan.Row;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CiScreenshotTest {
  static final String CARGO_TEST = String.join("\n",
      "   Compiling demo v0.1.0 (/work)",
      "    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.52s",
      "     Running unittests src/lib.rs (target/debug/deps/demo-1a2b3c)",
      "",
      "running 2 tests",
      "test tests::adds ... ok",
      "test tests::subtracts ... FAILED",
      "",
      "failures:",
      "",
      "---- tests::subtracts stdout ----",
      "thread 'tests::subtracts' panicked at src/lib.rs:12:9:",
      "assertion `left == right` failed",
      "  left: 1",
      " right: 2",
      "warning: unused variable: `x`",
      "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
      "error: test failed, to rerun pass `--lib`") + "\n";

  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).as("a PNG that ImageIO reads").isNotNull();
      return image;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Color pixel(BufferedImage image, int x, int y) {
    return new Color(image.getRGB(x, y) & 0xffffff);
  }

  @Test
  void render_sizesThePictureByColumnsAndLines() {
    MonoFont font = MonoFont.of(CiScreenshot.DEFAULT_FONT_SIZE);
    int row = font.textHeight + 2;
    int textX = CiScreenshot.PAD_X + 4 * font.cellWidth + CiScreenshot.GUTTER_GAP;

    BufferedImage image = decode(CiScreenshot.render("one\ntwo\nthree\nfour\nfive\n"));

    assertThat(image.getWidth()).isEqualTo(textX + 120 * font.cellWidth + CiScreenshot.PAD_RIGHT);
    assertThat(image.getHeight()).isEqualTo((row + 20) + 2 * CiScreenshot.PAD_Y + 5 * row);
  }

  @Test
  void render_bandsFailingLinesRedAndWarningsAmber() {
    CiScreenshot renderer = CiScreenshot.builder().title("CI · cargo test").build();
    CiScreenshot.Layout layout = renderer.layout(CARGO_TEST);
    BufferedImage image = decode(renderer.toPng(CARGO_TEST));
    int right = image.getWidth() - 3; // the right padding: no glyph reaches it

    // rows are 0-based, lines 1-based: line 7 is "test tests::subtracts ... FAILED"
    int failed = layout.rowTop(6) + layout.rowHeight() / 2;
    assertThat(pixel(image, right, failed)).isEqualTo(CiScreenshot.FAILURE_BAND);
    assertThat(pixel(image, 1, failed)).isEqualTo(CiScreenshot.FAILURE_STRIPE);
    int warned = layout.rowTop(15) + layout.rowHeight() / 2;
    assertThat(pixel(image, right, warned)).isEqualTo(CiScreenshot.WARNING_BAND);
    assertThat(pixel(image, 1, warned)).isEqualTo(CiScreenshot.WARNING_STRIPE);
    int passed = layout.rowTop(5) + layout.rowHeight() / 2;
    assertThat(pixel(image, right, passed)).isEqualTo(CiScreenshot.BACKGROUND);
    assertThat(pixel(image, right, layout.headerHeight() / 2)).isEqualTo(CiScreenshot.HEADER);

    assertThat(layout.plan().rows()).extracting(Row::highlight).containsExactly(
        Highlight.NONE, Highlight.NONE, Highlight.NONE, Highlight.NONE, Highlight.NONE,
        Highlight.NONE, Highlight.FAILURE, Highlight.NONE, Highlight.FAILURE, Highlight.NONE,
        Highlight.NONE, Highlight.FAILURE, Highlight.NONE, Highlight.NONE, Highlight.NONE,
        Highlight.WARNING, Highlight.FAILURE, Highlight.FAILURE);
  }

  @Test
  void render_drawsTextInTheBand() {
    CiScreenshot renderer = CiScreenshot.builder().build();
    CiScreenshot.Layout layout = renderer.layout(CARGO_TEST);
    BufferedImage image = decode(renderer.toPng(CARGO_TEST));

    long lit = IntStream.range(layout.rowTop(6), layout.rowTop(7))
        .flatMap(y -> IntStream.range(layout.textX(), layout.textX() + 30 * 8)
            .map(x -> image.getRGB(x, y) & 0xffffff))
        .filter(rgb -> new Color(rgb).getRed() > 0xc0 && new Color(rgb).getBlue() > 0xa0)
        .count();
    assertThat(lit).as("bright glyph pixels on the failing row").isGreaterThan(50);
  }

  @Test
  void render_wrapsALongLineIntoContinuationRows() {
    String log = "short\nerror: " + "x".repeat(243) + "\nlast\n"; // 250 cells: 3 rows of 100
    CiScreenshot renderer = CiScreenshot.builder().columns(100).build();
    CiScreenshot.Layout layout = renderer.layout(log);
    BufferedImage image = decode(renderer.toPng(log));

    assertThat(layout.plan().rows()).extracting(Row::kind, Row::line, Row::from, Row::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.LINE, 1, 0, 5),
            org.assertj.core.groups.Tuple.tuple(Kind.LINE, 2, 0, 100),
            org.assertj.core.groups.Tuple.tuple(Kind.CONTINUATION, 2, 100, 200),
            org.assertj.core.groups.Tuple.tuple(Kind.CONTINUATION, 2, 200, 250),
            org.assertj.core.groups.Tuple.tuple(Kind.LINE, 3, 0, 4));
    assertThat(image.getHeight()).isEqualTo(layout.headerHeight() + 2 * CiScreenshot.PAD_Y
        + 5 * layout.rowHeight());
    int lastWrapped = layout.rowTop(3) + layout.rowHeight() / 2;
    assertThat(pixel(image, image.getWidth() - 3, lastWrapped))
        .as("a continuation row of a failing line is banded too")
        .isEqualTo(CiScreenshot.FAILURE_BAND);
  }

  @Test
  void render_cutsAVeryLongLineAfterTenRows() {
    CiScreenshot renderer = CiScreenshot.builder().columns(100).build();
    CiScreenshot.Layout layout = renderer.layout("y".repeat(1_000_000));

    List<Row> rows = layout.plan().rows();
    assertThat(rows).hasSize(LogPlan.MAX_ROWS_PER_LINE);
    Row last = rows.get(rows.size() - 1);
    assertThat(last.note()).isEqualTo(" … 999,026 more characters");
    assertThat(last.to() - last.from() + last.note().length()).isEqualTo(100);
  }

  @Test
  void render_givesTheSameBytesForTheSameLog() {
    byte[] first = CiScreenshot.builder().title("CI · cargo test").build().toPng(CARGO_TEST);
    byte[] second = CiScreenshot.builder().title("CI · cargo test").build().toPng(CARGO_TEST);

    assertThat(second).isEqualTo(first);
    assertThat(CiScreenshot.render(CARGO_TEST)).isEqualTo(CiScreenshot.render(CARGO_TEST));
  }

  @Test
  void render_dropsEscapeSequences() {
    String coloured = CARGO_TEST
        .replace("FAILED", "\u001b[1m\u001b[31mFAILED\u001b[0m")
        .replace(" ok", " \u001b[32mok\u001b[39m")
        .replace("warning:", "\u001b[1;38;5;11mwarning\u001b[0m\u001b[1m:\u001b[0m")
        .replace("src/lib.rs:12:9", "\u001b]8;;file:///work/src/lib.rs\u001b\\src/lib.rs:12:9"
            + "\u001b]8;;\u001b\\")
        .replace("running 2 tests", "\u001b[2K\u001b(Brunning 2 tests\u001b[?25h");
    CiScreenshot plain = CiScreenshot.builder().ansiColours(false).build();

    assertThat(plain.toPng(coloured)).isEqualTo(plain.toPng(CARGO_TEST));
  }

  @Test
  void render_drawsAnsiColoursUnlessTurnedOff() {
    String noColour = CARGO_TEST.replace("running 2 tests", "\u001b[2Krunning 2 tests\u001b[K");
    String colour = CARGO_TEST.replace(" ok", " \u001b[32mok\u001b[0m");

    assertThat(CiScreenshot.render(noColour))
        .as("escapes that are not colours change nothing")
        .isEqualTo(CiScreenshot.render(CARGO_TEST));
    assertThat(CiScreenshot.render(colour)).isNotEqualTo(CiScreenshot.render(CARGO_TEST));
  }

  @Test
  void render_keepsHeadTailAndFailuresOfAHugeLog() {
    int total = 50_000;
    String log = IntStream.rangeClosed(1, total)
        .mapToObj(i -> i == 31_337 ? "thread 'main' panicked at src/main.rs:9:5:"
            : "   Compiling crate-" + i + " v1.0.0")
        .collect(Collectors.joining("\n"));
    CiScreenshot renderer = CiScreenshot.builder().build();
    CiScreenshot.Layout layout = renderer.layout(log);
    BufferedImage image = decode(renderer.toPng(log));

    List<Row> rows = layout.plan().rows();
    List<Row> markers = rows.stream().filter(r -> r.kind() == Kind.OMITTED).toList();
    assertThat(markers).extracting(Row::note).allMatch(n -> n.matches("… [\\d,]+ lines omitted …"));
    assertThat(markers).hasSize(2);
    assertThat(layout.plan().shownLines()).isEqualTo(CiScreenshot.DEFAULT_MAX_LINES);
    assertThat(layout.plan().omitted()).isEqualTo(total - CiScreenshot.DEFAULT_MAX_LINES);
    assertThat(rows.get(0).line()).isEqualTo(1);
    assertThat(rows.get(rows.size() - 1).line()).isEqualTo(total);
    assertThat(rows).filteredOn(r -> r.kind() == Kind.LINE).extracting(Row::line)
        .contains(31_336, 31_337, 31_343);
    assertThat(image.getWidth()).isLessThanOrEqualTo(CiScreenshot.MAX_WIDTH);
    assertThat(image.getHeight()).isLessThanOrEqualTo(CiScreenshot.MAX_HEIGHT);
  }

  @Test
  void render_staysWithinTheSizeCapWhenRowsWouldNotFit() {
    String log = IntStream.range(0, 5_000).mapToObj(i -> "z".repeat(300))
        .collect(Collectors.joining("\n"));
    CiScreenshot renderer = CiScreenshot.builder().maxLines(10_000).columns(400).build();
    CiScreenshot.Layout layout = renderer.layout(log);
    BufferedImage image = decode(renderer.toPng(log));

    assertThat(image.getWidth()).isLessThanOrEqualTo(CiScreenshot.MAX_WIDTH);
    assertThat(image.getHeight()).isLessThanOrEqualTo(CiScreenshot.MAX_HEIGHT);
    assertThat(layout.columns()).as("400 columns do not fit in 1600 px").isLessThan(400);
    assertThat(layout.plan().omitted()).isPositive();
  }

  @Test
  void select_favoursLinesAroundFailures() {
    Highlight[] lines = new Highlight[100];
    java.util.Arrays.fill(lines, Highlight.NONE);
    lines[50] = Highlight.FAILURE;

    boolean[] keep = LogPlan.select(lines, 20);

    List<Integer> kept = IntStream.range(0, 100).filter(i -> keep[i]).boxed().toList();
    assertThat(kept).hasSize(20)
        .contains(0, 1, 2, 3, 49, 50, 51, 56, 95, 96, 97, 98, 99)
        .doesNotContain(48, 57);
  }

  @Test
  void failures_matchRustAndCargoFailureLines() {
    assertThat(List.of(
        "error[E0308]: mismatched types",
        "error: could not compile `demo` (lib) due to 1 previous error",
        "test tests::subtracts ... FAILED",
        "test result: FAILED. 1 passed; 1 failed",
        "thread 'main' panicked at src/main.rs:2:5:",
        "failures:",
        "        FAIL [   0.004s] demo tests::subtracts",
        "Error: Process completed with exit code 101.",
        "[ERROR] Tests run: 3, Failures: 1"))
        .allMatch(CiScreenshot.FAILURES);
    assertThat(List.of(
        "test tests::error_handling ... ok",
        "test result: ok. 2 passed; 0 failed",
        "   Compiling error-chain v0.12.4",
        "warning: unused variable: `x`",
        "    failures: 0"))
        .noneMatch(CiScreenshot.FAILURES);
    assertThat(CiScreenshot.WARNINGS).accepts("warning: unused import", "WARN fetching",
        "warning[unused_must_use]: x").rejects("test warnings_are_counted ... ok", "2 warnings emitted");
  }

  @Test
  void render_usesAnOverriddenMatcher() {
    CiScreenshot renderer = CiScreenshot.builder()
        .failures(CiScreenshot.FAILURES.or(line -> line.contains("boom")))
        .warnings(line -> false)
        .build();
    CiScreenshot.Layout layout = renderer.layout("fine\nboom\nwarning: x\n");

    assertThat(layout.plan().rows()).extracting(Row::highlight)
        .containsExactly(Highlight.NONE, Highlight.FAILURE, Highlight.NONE);
  }

  @Test
  void style_expandsTabsReplacesControlsAndHonoursCarriageReturns() {
    assertThat(text("a\tb")).isEqualTo("a       b");
    assertThat(text("ab\tc")).isEqualTo("ab      c");
    assertThat(text("\u0007x\u202Ey\u200B\u0000")).isEqualTo("\uFFFDx\uFFFDy\uFFFD\uFFFD");
    assertThat(text("Compiling 1/3\rCompiling 3/3\r")).isEqualTo("Compiling 3/3");
    assertThat(text("\u001b[31mred\u001b[0m \u001b]0;title\u0007plain")).isEqualTo("red plain");
  }

  @Test
  void style_carriesColourAcrossLinesAsATerminalDoes() {
    AnsiText.State state = new AnsiText.State();
    AnsiText.style("\u001b[31mred starts", state, true, 100);
    AnsiText.Styled next = AnsiText.style("still red", state, true, 100);

    assertThat(next.rgb()[0]).isEqualTo(0xff7b72);
  }

  @Test
  void builder_refusesAnOptionSetTwiceOrOutOfRange() {
    assertThatThrownBy(() -> CiScreenshot.builder().columns(80).columns(100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("columns is already set; set each option once, or use a new builder");
    assertThatThrownBy(() -> CiScreenshot.builder().columns(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 to 400");
    assertThatThrownBy(() -> CiScreenshot.builder().fontSize(40))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 to 32");
    assertThatThrownBy(() -> CiScreenshot.builder().maxLines(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 to 10000");
    assertThatThrownBy(() -> CiScreenshot.builder().title("t".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 characters");
  }

  @Test
  void render_drawsAnEmptyLog() {
    BufferedImage image = decode(CiScreenshot.render(""));

    assertThat(image.getWidth()).isPositive();
    assertThat(CiScreenshot.builder().build().layout("").plan().rows()).hasSize(1);
  }

  static String text(String line) {
    AnsiText.Styled s = AnsiText.style(line, new AnsiText.State(), true, 1000);
    return new String(s.cells(), 0, s.stored());
  }
}
