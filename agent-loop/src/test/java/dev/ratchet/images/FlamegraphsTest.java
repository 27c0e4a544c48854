package dev.ratchet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ratchet.RatchetException;
import dev.ratchet.images.Flamegraphs.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlamegraphsTest {
  @TempDir Path dir;

  static String fixture(String name) {
    try (InputStream in = FlamegraphsTest.class.getResourceAsStream("/images/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Frame frame(String name, long self, long total, double selfPct, double totalPct) {
    return new Frame(name, self, total, selfPct, totalPct);
  }

  static void assertFrames(List<Frame> actual, List<Frame> expected) {
    assertThat(actual).extracting(Frame::function)
        .containsExactlyElementsOf(expected.stream().map(Frame::function).toList());
    for (int i = 0; i < expected.size(); i++) {
      Frame a = actual.get(i);
      Frame e = expected.get(i);
      assertThat(a.selfSamples()).as("self of " + e.function()).isEqualTo(e.selfSamples());
      assertThat(a.totalSamples()).as("total of " + e.function()).isEqualTo(e.totalSamples());
      assertThat(a.selfPercent()).as("self %% of " + e.function())
          .isCloseTo(e.selfPercent(), within(0.005));
      assertThat(a.totalPercent()).as("total %% of " + e.function())
          .isCloseTo(e.totalPercent(), within(0.005));
    }
  }

  @Test
  void hottest_ranksFlamegraphPlFramesBySelfTime() {
    List<Frame> frames = Flamegraphs.hottest(fixture("flamegraph-pl.svg"), 20);

    assertFrames(frames, List.of(
        frame("sha2::sha256::compress256", 300, 300, 30.00, 30.00),
        frame("core::str::<impl str>::split", 220, 220, 22.00, 22.00),
        // in two stacks: under parse_line (30) and under run (90)
        frame("core::ptr::drop_in_place<alloc::vec::Vec<u8>>", 120, 120, 12.00, 12.00),
        // in two stacks; 40 of its 130 are in the kernel
        frame("alloc::vec::Vec<T>::push", 90, 130, 9.00, 13.00),
        frame("myapp::parse::parse_line", 80, 390, 8.00, 39.00),
        // recursive: walk;walk;walk counts once in the total
        frame("myapp::tree::walk", 60, 60, 6.00, 6.00),
        // a tie on self time goes to the larger total
        frame("myapp::hash::digest", 40, 340, 4.00, 34.00),
        frame("clear_page_erms", 40, 40, 4.00, 4.00),
        frame("myapp::main", 20, 1000, 2.00, 100.00),
        frame("myapp::run", 20, 910, 2.00, 91.00),
        frame("[unknown] in myapp::main", 10, 10, 1.00, 1.00),
        frame("std::rt::lang_start", 0, 1000, 0.00, 100.00)));
  }

  @Test
  void hottest_ranksInfernoFramesFromExactSampleWidths() {
    List<Frame> frames = Flamegraphs.hottest(fixture("inferno.svg"), 10);

    assertFrames(frames, List.of(
        frame("regex::regex::string::Regex::is_match", 5000, 5000, 40.502, 40.502),
        frame("serde_json::de::from_str<app::Request>", 4000, 5000, 32.402, 40.502),
        frame("tokio::runtime::task::harness::Harness<T,S>::poll", 1000, 12345, 8.100, 100),
        frame("core::ptr::drop_in_place<alloc::vec::Vec<u8>>", 1000, 1000, 8.100, 8.100),
        frame("[unknown] in tokio::runtime::task::harness::Harness<T,S>::poll", 999, 999, 8.092,
            8.092),
        frame("app::handler", 345, 10345, 2.795, 83.799),
        frame("std::sys::unix::thread::Thread::new::thread_start", 1, 1, 0.0081, 0.0081)));
  }

  @Test
  void hottest_readsPercentGeometryWhenInfernosSampleWidthsAreMissing() {
    String exact = fixture("inferno.svg");
    String percentOnly = exact.replaceAll(" fg:[xw]=\"\\d+\"", "");

    assertThat(percentOnly).doesNotContain("fg:w=");
    assertThat(Flamegraphs.hottest(percentOnly, 10)).isEqualTo(Flamegraphs.hottest(exact, 10));
  }

  @Test
  void hottest_returnsAtMostN() {
    assertThat(Flamegraphs.hottest(fixture("flamegraph-pl.svg"), 3)).extracting(Frame::function)
        .containsExactly("sha2::sha256::compress256", "core::str::<impl str>::split",
            "core::ptr::drop_in_place<alloc::vec::Vec<u8>>");
  }

  @Test
  void table_listsRankPercentagesSamplesAndName() {
    assertThat(Flamegraphs.table(fixture("inferno.svg"), 3)).isEqualTo(
        "hottest 3 of 7 functions by self time, of 12,345 samples\n"
            + "rank     self    total  self samples  total samples  function\n"
            + "   1   40.50%   40.50%         5,000          5,000  "
            + "regex::regex::string::Regex::is_match\n"
            + "   2   32.40%   40.50%         4,000          5,000  "
            + "serde_json::de::from_str<app::Request>\n"
            + "   3    8.10%  100.00%         1,000         12,345  "
            + "tokio::runtime::task::harness::Harness<T,S>::poll\n");
  }

  @Test
  void table_saysSoWhenThereAreNoFrames() {
    assertThat(Flamegraphs.table("<svg xmlns='http://www.w3.org/2000/svg'><text>ERROR: No valid "
        + "input provided to flamegraph</text></svg>", 5))
        .isEqualTo("no frames found in the flamegraph SVG\n");
  }

  @Test
  void table_cutsLongNamesInTheMiddle() {
    String name = "a".repeat(100) + "::" + "b".repeat(100);
    String svg = svg(g(name + " (10 samples, 100%)", 0, 10, 100));

    String line = Flamegraphs.table(svg, 1).lines().skip(2).findFirst().orElseThrow();

    assertThat(line).endsWith("a".repeat(47) + "…" + "b".repeat(72));
  }

  @Test
  void title_decodesCountsAndKeepsParenthesesInNames() {
    assertThat(FlamegraphSvg.title("main (1,234 samples, 12.34%)"))
        .contains(new FlamegraphSvg.Title("main", 1234));
    assertThat(FlamegraphSvg.title("thread_start (1 sample, 0.01%)"))
        .contains(new FlamegraphSvg.Title("thread_start", 1));
    assertThat(FlamegraphSvg.title("serve (/x/http/admin.py:1) (20 samples, 2.00%)"))
        .contains(new FlamegraphSvg.Title("serve (/x/http/admin.py:1)", 20));
    assertThat(FlamegraphSvg.title("<impl (A, B)>::f (7 samples, 0.70%)"))
        .contains(new FlamegraphSvg.Title("<impl (A, B)>::f", 7));
    assertThat(FlamegraphSvg.title("cksum (56 samples, 10.92%; +4.87%)"))
        .contains(new FlamegraphSvg.Title("cksum", 56));
    assertThat(FlamegraphSvg.title("all (3.5 samples, 100%)"))
        .contains(new FlamegraphSvg.Title("all", 4));
    assertThat(FlamegraphSvg.title("Flame Graph")).isEmpty();
  }

  @Test
  void hottest_decodesEntitiesInTitles() {
    String svg = svg(
        g("all (10 samples, 100%)", 0, 10, 117),
        g("core::ptr::drop_in_place&lt;alloc::vec::Vec&lt;u8&gt;&gt; (6 samples, 60.00%)", 0, 6,
            101),
        g("&lt;T as core::fmt::Display&gt;::fmt &amp;&#x41;&#66; (4 samples, 40.00%)", 6, 4, 101));

    assertThat(Flamegraphs.hottest(svg, 5)).extracting(Frame::function).containsExactly(
        "core::ptr::drop_in_place<alloc::vec::Vec<u8>>", "<T as core::fmt::Display>::fmt &AB");
  }

  @Test
  void hottest_readsIcicleGraphsWithTheRootOnTop() {
    // flamegraph.pl --inverted: depth grows with y
    String svg = svg(
        g("all (10 samples, 100%)", 0, 10, 37),
        g("main (10 samples, 100.00%)", 0, 10, 53),
        g("work (7 samples, 70.00%)", 0, 7, 69),
        g("idle (3 samples, 30.00%)", 7, 3, 69),
        g("spin (5 samples, 50.00%)", 0, 5, 85));

    assertThat(Flamegraphs.hottest(svg, 5)).extracting(Frame::function, Frame::selfSamples)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spin", 5L),
            org.assertj.core.groups.Tuple.tuple("idle", 3L),
            org.assertj.core.groups.Tuple.tuple("work", 2L),
            org.assertj.core.groups.Tuple.tuple("main", 0L));
  }

  @Test
  void clean_cutsPerfAnnotationsAndRustHashes() {
    assertThat(Flamegraphs.clean("clear_page_erms_[k]", "x")).isEqualTo("clear_page_erms");
    assertThat(Flamegraphs.clean("Interpreter_[j]", "x")).isEqualTo("Interpreter");
    assertThat(Flamegraphs.clean("app::run::h0123456789abcdef", "x")).isEqualTo("app::run");
    assertThat(Flamegraphs.clean("[unknown]", "app::run")).isEqualTo("[unknown] in app::run");
    assertThat(Flamegraphs.clean("[unknown]", "[unknown] in app::run"))
        .isEqualTo("[unknown] in app::run");
    assertThat(Flamegraphs.clean("[unknown]", null)).isEqualTo("[unknown]");
    assertThat(Flamegraphs.clean("  ", "x")).isEqualTo("[empty]");
  }

  @Test
  void hottest_refusesAnExternalEntityWithoutReadingTheFile() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]>\n" + svg(g("&x; (10 samples, 100%)", 0, 10, 100));

    assertThatThrownBy(() -> Flamegraphs.hottest(svg, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageStartingWith("flamegraph SVG refused: it declares an entity")
        .message().doesNotContain("TOP-SECRET");
  }

  @Test
  void hottest_refusesTheEtcPasswdAttack() {
    String svg = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + svg(g("&x; (10 samples, 100%)", 0, 10, 100));

    assertThatThrownBy(() -> Flamegraphs.table(svg, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("entity")
        .message().doesNotContain("root:");
  }

  @Test
  void hottest_refusesAnInternalSubsetEvenWithoutEntities() {
    String svg = "<!DOCTYPE svg [ <!ELEMENT svg ANY> ]>" + svg(g("a (1 sample, 100%)", 0, 1, 1));

    assertThatThrownBy(() -> Flamegraphs.hottest(svg, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("internal subset");
  }

  @Test
  void hottest_fetchesNeitherTheDtdNorAnEntity() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String base = "http://127.0.0.1:" + server.getLocalPort();
      String withDtd = "<?xml version=\"1.0\" standalone=\"no\"?><!DOCTYPE svg PUBLIC "
          + "\"-//W3C//DTD SVG 1.1//EN\" \"" + base + "/svg11.dtd\">"
          + svg(g("main (10 samples, 100%)", 0, 10, 100));
      String withEntity = "<!DOCTYPE svg [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]>"
          + svg(g("main (10 samples, 100%)", 0, 10, 100));

      assertThat(Flamegraphs.hottest(withDtd, 5)).extracting(Frame::function)
          .containsExactly("main");
      assertThatThrownBy(() -> Flamegraphs.hottest(withEntity, 5))
          .isInstanceOf(RatchetException.class);

      server.setSoTimeout(300);
      assertThatThrownBy(server::accept).as("a connection to the loopback server")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void hottest_refusesOversizeInput() {
    String huge = svg(g("main (10 samples, 100%)", 0, 10, 100))
        + " ".repeat(FlamegraphSvg.MAX_CHARS);

    assertThatThrownBy(() -> Flamegraphs.hottest(huge, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("over the limit of 20,971,520");
  }

  @Test
  void hottest_refusesTooManyElements() {
    String many = "<svg>" + "<a/>".repeat(FlamegraphSvg.MAX_ELEMENTS) + "</svg>";

    assertThatThrownBy(() -> Flamegraphs.hottest(many, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("more than 1,000,000 elements");
  }

  @Test
  void hottest_refusesDeepNesting() {
    String deep = "<svg>" + "<g>".repeat(300) + "</g>".repeat(300) + "</svg>";

    assertThatThrownBy(() -> Flamegraphs.hottest(deep, 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("nest deeper than 256");
  }

  @Test
  void hottest_refusesMalformedXmlAndOtherDocuments() {
    assertThatThrownBy(() -> Flamegraphs.hottest("<svg><g></svg>", 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageStartingWith("flamegraph SVG refused: it is not well-formed XML");
    assertThatThrownBy(() -> Flamegraphs.hottest("<html><g/></html>", 5))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("root element is <html>");
  }

  @Test
  void hottest_refusesANonPositiveCount() {
    assertThatThrownBy(() -> Flamegraphs.hottest(fixture("inferno.svg"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be at least 1, got 0");
  }

  static String svg(String... frames) {
    return "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\">"
        + String.join("\n", frames) + "</svg>";
  }

  static String g(String title, double x, double width, double y) {
    return "<g><title>" + title + "</title><rect x=\"" + x + "\" y=\"" + y + "\" width=\""
        + width + "\" height=\"15\"/></g>";
  }
}
