package dev.ratchet.images;

import dev.ratchet.RatchetException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A gate's log drawn as a PNG that looks like a CI log viewer, for models that read images.
 *
 * <p>Dark background, light monospaced text ({@link Font#MONOSPACED}), a dark title bar with a
 * status dot and a summary, line numbers in a gutter. Failing lines ({@link #FAILURES}) get a red
 * band with a bright stripe and bold, bright text; warnings ({@link #WARNINGS}) a weaker amber
 * band. Long lines wrap, and continuation rows are marked with {@code ↪} in the gutter; a line is
 * cut after 10 rows with a note of how much is left out. ANSI
 * escape sequences are removed; SGR colours and bold are drawn unless {@link
 * Builder#ansiColours(boolean)} turns them off. Tabs expand to stops of 8; control, format (bidi,
 * zero-width) and unassigned characters show as U+FFFD, and characters the font lacks as {@code
 * ?}.
 *
 * <p>A log longer than {@link Builder#maxLines(int)} keeps its head, its tail and the lines around
 * failures; each gap becomes a row "… N lines omitted …", and the title bar counts what is left
 * out. The picture is at most {@value #MAX_WIDTH}×{@value #MAX_HEIGHT} pixels: columns that would
 * be wider are wrapped narrower, and rows that would be taller are left out like long logs. The
 * same log and options give the same bytes (no timestamps), on a given JDK and font.
 *
 * <pre>{@code
 * byte[] png = CiScreenshot.builder().title("CI · cargo test").build().toPng(log);
 * }</pre>
 */
public final class CiScreenshot {
  /** The default cells per row. */
  public static final int DEFAULT_COLUMNS = 120;
  /** The default most log lines shown. */
  public static final int DEFAULT_MAX_LINES = 200;
  /** The default font size, in points. */
  public static final int DEFAULT_FONT_SIZE = 13;
  /** The default title bar text. */
  public static final String DEFAULT_TITLE = "CI";
  /** The widest picture, in pixels. */
  public static final int MAX_WIDTH = 1600;
  /** The tallest picture, in pixels. */
  public static final int MAX_HEIGHT = 4000;

  /**
   * The default failure matcher, applied to each line without its escape sequences. A line fails
   * when it has (regex, found anywhere unless anchored): {@code (?i)\berror(\[E\d+\])?:} (rustc's
   * {@code error:} and {@code error[E0308]:}, cargo's {@code error: could not compile}, {@code
   * Error:}), {@code ^\s*\[?ERROR\b}, {@code \bFAILED\b} ({@code test x ... FAILED}, {@code test
   * result: FAILED}), {@code \bFAIL\b} (nextest), {@code panicked at}, or is {@code failures:}.
   * Combine it with {@link Predicate#or} to add patterns.
   */
  public static final Predicate<String> FAILURES = Pattern.compile(
      "(?i:\\berror(?:\\[E\\d+])?:)|^\\s*\\[?ERROR\\b|\\bFAILED\\b|\\bFAIL\\b|panicked at"
          + "|^\\s*failures:\\s*$").asPredicate();

  /**
   * The default warning matcher, tried on lines that do not fail: {@code (?i)\bwarning\b} (rustc
   * and clippy's {@code warning:}, {@code warning[...]:}) or {@code ^\s*\[?WARN\b}.
   */
  public static final Predicate<String> WARNINGS =
      Pattern.compile("(?i:\\bwarning\\b)|^\\s*\\[?WARN\\b").asPredicate();

  static final Color BACKGROUND = new Color(0x0d1117);
  static final Color HEADER = new Color(0x161b22);
  static final Color HEADER_BORDER = new Color(0x30363d);
  static final Color HEADER_TEXT = new Color(0xe6edf3);
  static final Color DIM_TEXT = new Color(0x8b949e);
  static final Color TEXT = new Color(0xc9d1d9);
  static final Color GUTTER = new Color(0x6e7681);
  static final Color FAILURE_BAND = new Color(0x4c1d22);
  static final Color FAILURE_STRIPE = new Color(0xf85149);
  static final Color FAILURE_TEXT = new Color(0xffe2de);
  static final Color WARNING_BAND = new Color(0x2e2610);
  static final Color WARNING_STRIPE = new Color(0xd29922);
  static final Color OMITTED_BAND = new Color(0x161b22);
  static final Color NEUTRAL_DOT = new Color(0x6e7681);

  static final int PAD_X = 12;
  static final int PAD_RIGHT = 16;
  static final int PAD_Y = 8;
  static final int STRIPE = 4;
  static final int GUTTER_GAP = 16;
  static final int MIN_GUTTER_DIGITS = 4;

  private final int columns;
  private final int maxLines;
  private final String title;
  private final int fontSize;
  private final Predicate<String> failures;
  private final Predicate<String> warnings;
  private final boolean colours;

  private CiScreenshot(Builder b) {
    this.columns = b.columns == 0 ? DEFAULT_COLUMNS : b.columns;
    this.maxLines = b.maxLines == 0 ? DEFAULT_MAX_LINES : b.maxLines;
    this.title = b.title == null ? DEFAULT_TITLE : b.title;
    this.fontSize = b.fontSize == 0 ? DEFAULT_FONT_SIZE : b.fontSize;
    this.failures = b.failures == null ? FAILURES : b.failures;
    this.warnings = b.warnings == null ? WARNINGS : b.warnings;
    this.colours = b.colours == null || b.colours;
  }

  /**
   * Renders a log with the default options.
   *
   * @throws RatchetException if the JVM has no font to draw with (the message says what to install)
   */
  public static byte[] render(String log) {
    return builder().build().toPng(log);
  }

  /** A builder of a renderer with chosen options; each option may be set once. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Renders a log as PNG bytes.
   *
   * @throws RatchetException if the JVM has no font to draw with (the message says what to install)
   */
  public byte[] toPng(String log) {
    Objects.requireNonNull(log, "log");
    Layout layout = layout(log);
    BufferedImage image = draw(layout);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new RatchetException("this JVM has no PNG writer for ImageIO");
      }
    } catch (IOException e) {
      throw new RatchetException("cannot encode the screenshot as PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Sizes and rows of the picture for a log. */
  record Layout(MonoFont font, int width, int height, int headerHeight, int rowHeight,
      int textX, int columns, LogPlan.Plan plan) {
    /** The top of row {@code i}. */
    int rowTop(int i) {
      return headerHeight + PAD_Y + i * rowHeight;
    }
  }

  Layout layout(String log) {
    MonoFont font = MonoFont.of(fontSize);
    int rowHeight = font.textHeight + 2;
    int headerHeight = rowHeight + 20;
    int lineCount = LogPlan.lines(log).size();
    int digits = Math.max(MIN_GUTTER_DIGITS, Integer.toString(lineCount).length());
    int textX = PAD_X + digits * font.cellWidth + GUTTER_GAP;
    int cols = Math.min(columns, (MAX_WIDTH - textX - PAD_RIGHT) / font.cellWidth);
    int maxRows = (MAX_HEIGHT - headerHeight - 2 * PAD_Y) / rowHeight;
    LogPlan.Plan plan = LogPlan.plan(log, cols, maxLines, maxRows, failures, warnings, colours);
    int width = textX + cols * font.cellWidth + PAD_RIGHT;
    int height = headerHeight + 2 * PAD_Y + plan.rows().size() * rowHeight;
    return new Layout(font, width, height, headerHeight, rowHeight, textX, cols, plan);
  }

  private BufferedImage draw(Layout layout) {
    BufferedImage image =
        new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      MonoFont.hints(g);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, layout.width(), layout.height());
      header(g, layout);
      List<LogPlan.Row> rows = layout.plan().rows();
      for (int i = 0; i < rows.size(); i++) {
        row(g, layout, rows.get(i), layout.rowTop(i));
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private void header(Graphics2D g, Layout layout) {
    MonoFont font = layout.font();
    int h = layout.headerHeight();
    g.setColor(HEADER);
    g.fillRect(0, 0, layout.width(), h - 1);
    g.setColor(HEADER_BORDER);
    g.fillRect(0, h - 1, layout.width(), 1);

    LogPlan.Plan plan = layout.plan();
    int dot = Math.max(6, font.textHeight / 2);
    g.setColor(plan.failing() > 0 ? FAILURE_STRIPE
        : plan.warnings() > 0 ? WARNING_STRIPE : NEUTRAL_DOT);
    g.fillOval(PAD_X, (h - dot) / 2, dot, dot);

    int baseline = (h - font.textHeight) / 2 + font.ascent;
    String summary = summary(plan);
    int summaryX = layout.width() - PAD_RIGHT - summary.length() * font.cellWidth;
    int titleX = PAD_X + dot + font.cellWidth;
    int titleCells = Math.max(0, (summaryX - titleX) / font.cellWidth - 2);
    drawCells(g, font.plain, DIM_TEXT, summary, summaryX, baseline, font.cellWidth);
    drawCells(g, font.bold, HEADER_TEXT, fit(clean(title), titleCells), titleX, baseline,
        font.cellWidth);
  }

  private static String summary(LogPlan.Plan plan) {
    StringBuilder s = new StringBuilder(count(plan.totalLines(), "line", "lines"));
    if (plan.failing() > 0) {
      s.append(" · ").append(count(plan.failing(), "failing", "failing"));
    }
    if (plan.warnings() > 0) {
      s.append(" · ").append(count(plan.warnings(), "warning", "warnings"));
    }
    if (plan.omitted() > 0) {
      s.append(" · ").append(count(plan.omitted(), "omitted", "omitted"));
    }
    return s.toString();
  }

  private static String count(int n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  private void row(Graphics2D g, Layout layout, LogPlan.Row row, int top) {
    MonoFont font = layout.font();
    int cell = font.cellWidth;
    int baseline = top + (layout.rowHeight() - font.textHeight) / 2 + font.ascent;
    if (row.kind() == LogPlan.Kind.OMITTED) {
      g.setColor(OMITTED_BAND);
      g.fillRect(0, top, layout.width(), layout.rowHeight());
      drawCells(g, font.plain, DIM_TEXT, row.note(), layout.textX(), baseline, cell);
      return;
    }
    Color gutter = GUTTER;
    Color text = TEXT;
    boolean bold = false;
    if (row.highlight() == LogPlan.Highlight.FAILURE) {
      band(g, layout, top, FAILURE_BAND, FAILURE_STRIPE);
      gutter = FAILURE_STRIPE;
      text = FAILURE_TEXT;
      bold = true;
    } else if (row.highlight() == LogPlan.Highlight.WARNING) {
      band(g, layout, top, WARNING_BAND, WARNING_STRIPE);
      gutter = WARNING_STRIPE;
    }
    String number = row.kind() == LogPlan.Kind.LINE ? Integer.toString(row.line())
        : font.plain.canDisplay('↪') ? "↪" : "+";
    int gutterEnd = layout.textX() - GUTTER_GAP;
    drawCells(g, font.plain, gutter, number, gutterEnd - number.length() * cell, baseline, cell);

    AnsiText.Styled styled = row.text();
    int x = layout.textX();
    for (int i = row.from(); i < row.to() && i < styled.stored(); i++, x += cell) {
      int cp = styled.cells()[i];
      if (cp == ' ') {
        continue;
      }
      Font f = bold || styled.bold()[i] ? font.bold : font.plain;
      if (!f.canDisplay(cp)) {
        cp = '?';
      }
      g.setFont(f);
      g.setColor(styled.rgb()[i] == AnsiText.DEFAULT ? text : new Color(styled.rgb()[i]));
      g.drawString(new String(Character.toChars(cp)), x, baseline);
    }
    if (!row.note().isEmpty()) {
      drawCells(g, font.plain, DIM_TEXT, row.note(), x, baseline, cell);
    }
  }

  private static void band(Graphics2D g, Layout layout, int top, Color band, Color stripe) {
    g.setColor(band);
    g.fillRect(0, top, layout.width(), layout.rowHeight());
    g.setColor(stripe);
    g.fillRect(0, top, STRIPE, layout.rowHeight());
  }

  /** Draws text one cell per code point, so that every glyph sits on the grid. */
  private static void drawCells(Graphics2D g, Font font, Color colour, String s, int x,
      int baseline, int cell) {
    g.setFont(font);
    g.setColor(colour);
    int at = x;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp != ' ') {
        int shown = font.canDisplay(cp) ? cp : '?';
        g.drawString(new String(Character.toChars(shown)), at, baseline);
      }
      at += cell;
    }
  }

  /** A title with its unprintable characters replaced, on one line. */
  private static String clean(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> out.appendCodePoint(
        cp == '\t' || cp == '\n' || cp == '\r' ? ' '
            : AnsiText.printable(cp) ? cp : AnsiText.REPLACEMENT));
    return out.toString();
  }

  private static String fit(String s, int cells) {
    int n = s.codePointCount(0, s.length());
    if (n <= cells) {
      return s;
    }
    if (cells <= 1) {
      return "";
    }
    return s.substring(0, s.offsetByCodePoints(0, cells - 1)) + "…";
  }

  /**
   * Options for a {@link CiScreenshot}. Each is checked when set, and may be set once; unset
   * options keep their defaults.
   */
  public static final class Builder {
    private int columns;
    private int maxLines;
    private String title;
    private int fontSize;
    private Predicate<String> failures;
    private Predicate<String> warnings;
    private Boolean colours;

    private Builder() {}

    /**
     * Cells per row, 20 to 400 (default {@value CiScreenshot#DEFAULT_COLUMNS}); fewer are used if
     * the picture would be wider than {@value CiScreenshot#MAX_WIDTH} pixels.
     */
    public Builder columns(int columns) {
      once(this.columns == 0, "columns");
      if (columns < 20 || columns > 400) {
        throw new IllegalArgumentException(
            "columns must be 20 to 400, got " + columns + "; 120 is a CI viewer's width");
      }
      this.columns = columns;
      return this;
    }

    /**
     * The most log lines shown, 10 to 10,000 (default {@value CiScreenshot#DEFAULT_MAX_LINES});
     * fewer if their rows would be taller than {@value CiScreenshot#MAX_HEIGHT} pixels.
     */
    public Builder maxLines(int maxLines) {
      once(this.maxLines == 0, "maxLines");
      if (maxLines < 10 || maxLines > 10_000) {
        throw new IllegalArgumentException("maxLines must be 10 to 10000, got " + maxLines);
      }
      this.maxLines = maxLines;
      return this;
    }

    /** The title bar text, such as {@code "CI · cargo test"}; at most 200 characters. */
    public Builder title(String title) {
      once(this.title == null, "title");
      Objects.requireNonNull(title, "title");
      if (title.length() > 200) {
        throw new IllegalArgumentException(
            "title must be at most 200 characters, got " + title.length());
      }
      this.title = title;
      return this;
    }

    /** The font size in points, 8 to 32 (default {@value CiScreenshot#DEFAULT_FONT_SIZE}). */
    public Builder fontSize(int fontSize) {
      once(this.fontSize == 0, "fontSize");
      if (fontSize < 8 || fontSize > 32) {
        throw new IllegalArgumentException("fontSize must be 8 to 32, got " + fontSize);
      }
      this.fontSize = fontSize;
      return this;
    }

    /**
     * Which lines fail (default {@link CiScreenshot#FAILURES}); it sees each line without escape
     * sequences. Extend the default with {@code CiScreenshot.FAILURES.or(...)}.
     */
    public Builder failures(Predicate<String> failures) {
      once(this.failures == null, "failures");
      this.failures = Objects.requireNonNull(failures, "failures");
      return this;
    }

    /** Which lines warn (default {@link CiScreenshot#WARNINGS}); tried on lines that do not fail. */
    public Builder warnings(Predicate<String> warnings) {
      once(this.warnings == null, "warnings");
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /** Whether ANSI SGR colours and bold are drawn (default true); escapes are removed either way. */
    public Builder ansiColours(boolean colours) {
      once(this.colours == null, "ansiColours");
      this.colours = colours;
      return this;
    }

    /** A renderer with these options; it is immutable and may be shared between threads. */
    public CiScreenshot build() {
      return new CiScreenshot(this);
    }

    private static void once(boolean unset, String option) {
      if (!unset) {
        throw new IllegalStateException(
            option + " is already set; set each option once, or use a new builder");
      }
    }
  }
}
