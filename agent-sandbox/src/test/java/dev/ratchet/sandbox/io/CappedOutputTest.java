package dev.ratchet.sandbox.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CappedOutputTest {

  @Test
  void text_isEverything_whenUnderTheCap() {
    CappedOutput out = new CappedOutput(16);
    out.write("hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
    out.write("world".getBytes(StandardCharsets.UTF_8), 0, 5);

    assertThat(out.text()).isEqualTo("hello world");
    assertThat(out.dropped()).isZero();
    assertThat(out.total()).isEqualTo(11);
  }

  @Test
  void text_keepsHeadAndTail_andCountsTheMiddle() {
    CappedOutput out = new CappedOutput(10);
    byte[] bytes = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      out.write(b);
    }

    assertThat(out.text()).isEqualTo("01234\n[... 10 bytes dropped ...]\nfghij");
    assertThat(out.dropped()).isEqualTo(10);
  }

  @Test
  void text_matchesAReferenceModel_forRandomWriteSizes() {
    matchesReferenceModel(64, 40);
  }

  @Test
  void text_matchesAReferenceModel_whileItsBuffersGrow() {
    matchesReferenceModel(96 * 1024, 24 * 1024);
  }

  @Test
  void aLargeCap_costsNothingUntilWritten() {
    // 64 sinks of 1 GiB each would not fit in any test JVM if the cap were allocated up front.
    java.util.List<CappedOutput> sinks = new java.util.ArrayList<>();
    for (int i = 0; i < 64; i++) {
      CappedOutput out = new CappedOutput(1L << 30);
      out.write("line\n".getBytes(StandardCharsets.UTF_8), 0, 5);
      sinks.add(out);
    }

    assertThat(sinks).allSatisfy(out -> assertThat(out.text()).isEqualTo("line\n"));
  }

  private static void matchesReferenceModel(int maxCap, int maxWrite) {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int cap = random.nextInt(maxCap);
      CappedOutput out = new CappedOutput(cap);
      StringBuilder all = new StringBuilder();
      int writes = random.nextInt(20);
      for (int w = 0; w < writes; w++) {
        int n = random.nextInt(maxWrite);
        byte[] chunk = new byte[n + 4];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) ('a' + random.nextInt(26));
        }
        out.write(chunk, 2, n);
        all.append(new String(chunk, 2, n, StandardCharsets.US_ASCII));
      }
      String s = all.toString();
      int head = cap - cap / 2;
      int tail = cap / 2;
      String expected = s.length() <= cap ? s
          : s.substring(0, head) + "\n[... " + (s.length() - cap) + " bytes dropped ...]\n"
              + s.substring(s.length() - tail);
      assertThat(out.text()).as("round %d cap %d", round, cap).isEqualTo(expected);
    }
  }

  @Test
  void text_replacesBrokenUtf8_atTheCut() {
    CappedOutput out = new CappedOutput(3);
    byte[] euro = "€€".getBytes(StandardCharsets.UTF_8); // 6 bytes; the head keeps 2 of the first

    out.write(euro, 0, euro.length);

    assertThat(out.text()).startsWith("\uFFFD").contains("bytes dropped").endsWith("\uFFFD");
  }
}
