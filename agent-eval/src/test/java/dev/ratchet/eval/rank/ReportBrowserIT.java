package dev.ratchet.eval.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ratchet.models.ModelCatalog;
import dev.ratchet.testkit.Required;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless Chromium (Debian's {@code chromium}): it renders, the
 * screenshot shows the charts, and the DOM holds the four SVG charts and a ranking row per
 * model. The browser opens a {@code file://} URL only, with background networking off, every
 * host name unresolvable and the page's own Content-Security-Policy forbidding any load.
 *
 * <p>Without Chromium the test is skipped, except under {@code CI}, where it fails and says to
 * run {@code scripts/chromium-up}.
 */
class ReportBrowserIT {
  private static final long TIMEOUT_SECONDS = 120;

  private Path browser;

  @TempDir Path dir;

  @BeforeEach
  void findChromium() {
    Optional<Path> found = onPath("chromium").or(() -> onPath("chromium-browser"));
    if (found.isEmpty()) {
      throw Required.missing("chromium on PATH (scripts/chromium-up installs Debian's chromium"
          + " package, as root)", "");
    }
    browser = found.get();
  }

  @Test
  void htmlReport_rendersWithItsChartsAndTables() throws Exception {
    Ranking ranking = Ranking.of(Fixtures.results("results.jsonl", "more.jsonl"),
        Fixtures.catalog().merge(ModelCatalog.builtIn()));
    Path page = Files.writeString(dir.resolve("report.html"), Report.html(ranking));

    Path png = dir.resolve("report.png");
    run("shot", "--screenshot=" + png, "--window-size=1400,2000", page.toUri().toString());
    String dom = run("dom", "--dump-dom", page.toUri().toString());

    assertThat(png).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(distinctColours(image)).as("distinct colours in the screenshot")
        .isGreaterThan(50);
    // The pass@1 chart is on the first screen: its first series' bars are solid #1f77b4.
    assertThat(pixelsOf(image, 0x1f77b4)).as("pixels of the first model's bars")
        .isGreaterThan(200);

    assertThat(count(dom, "<svg")).isEqualTo(4);
    assertThat(dom).contains("id=\"chart-pass1\"", "id=\"chart-breakdown\"", "id=\"chart-cost\"",
        "id=\"chart-per-dollar\"");
    assertThat(count(dom, "<tr class=\"standing")).isEqualTo(ranking.standings().size());
    assertThat(dom).contains("<table id=\"ranking\">", "<table id=\"suites\">",
        "<table id=\"extras\">", "<table id=\"provenance\">", "<dl id=\"rules\">");
    assertThat(dom).contains("Alpha 27B").contains("reported only");
  }

  @Test
  void htmlReport_showsHostileNamesAsText() throws Exception {
    Ranking ranking = Ranking.of(Fixtures.results("hostile.jsonl"), Fixtures.catalog());
    Path page = Files.writeString(dir.resolve("hostile.html"), Report.html(ranking));

    String dom = run("dom", "--dump-dom", page.toUri().toString());

    assertThat(dom).doesNotContain("<script").doesNotContain("<img");
    assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(count(dom, "<svg")).isEqualTo(4);
  }

  /** Runs headless Chromium on a file URL, offline; returns its standard output. */
  private String run(String name, String... args) throws IOException, InterruptedException {
    Path profile = Files.createDirectory(dir.resolve("profile-" + name + "-" + System.nanoTime()));
    List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
            new File("/dev/null"))).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command
          + "\n" + tail(err));
    }
    assertThat(process.exitValue()).as("chromium's exit code; stderr:\n%s", tail(err))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      Path candidate = Path.of(d.isEmpty() ? "." : d, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  private static int pixelsOf(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
