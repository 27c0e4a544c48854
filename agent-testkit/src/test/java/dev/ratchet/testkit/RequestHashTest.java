package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestHashTest {

  @Test
  void of_isEqual_forEqualRequestsBuiltSeparately() {
    assertThat(RequestHash.of(Requests.second("fix the test")))
        .isEqualTo(RequestHash.of(Requests.second("fix the test")));
    assertThat(RequestHash.of(Requests.first())).isEqualTo(RequestHash.of(Requests.first()));
  }

  @Test
  void of_isSha256Hex() {
    assertThat(RequestHash.of(Requests.first())).matches("[0-9a-f]{64}");
  }

  @Test
  void of_differs_whenFeedbackChanges() {
    assertThat(RequestHash.of(Requests.second("fix the test")))
        .isNotEqualTo(RequestHash.of(Requests.second("fix the build")));
  }

  @Test
  void of_differs_whenIterationDiffers() {
    assertThat(RequestHash.of(Requests.first()))
        .isNotEqualTo(RequestHash.of(Requests.second("")));
  }

  @Test
  void of_ignoresLineEndingsAndTrailingWhitespace() {
    String lf = RequestHash.of(Requests.second("fix\nthe test", Duration.ZERO, "abc1234", "\n"));
    String crlf =
        RequestHash.of(Requests.second("fix  \r\nthe test\r\n", Duration.ZERO, "abc1234", "\r\n"));

    assertThat(crlf).isEqualTo(lf);
  }

  @Test
  void of_ignoresDurationsAndCheckpoints() {
    String one = RequestHash.of(Requests.second("f", Duration.ofMillis(5), "abc1234", "\n"));
    String other = RequestHash.of(Requests.second("f", Duration.ofMinutes(3), "def5678", "\n"));

    assertThat(other).isEqualTo(one);
  }

  @Test
  void of_staysTheSame_acrossRunsAndReleases() {
    // Pinned: if this changes, every recorded cassette breaks; bump the version line instead.
    assertThat(RequestHash.of(Requests.second("fix the test")))
        .isEqualTo("25daac10bd2968e93b3b0820400a61d5d5c8c18a0a0eb87dc84bfde84f28678b");
  }

  @Test
  void canonical_rendersEveryHashedField() {
    String canonical = RequestHash.canonical(Requests.second("fix the test"));

    assertThat(canonical)
        .startsWith("ratchet-request-hash v1\niteration: 2\ntask.id: t1\n")
        .contains("task.prompt:\n| Make one() return 2.\n")
        .contains("instructions:\n| Answer with a unified diff.\n")
        .contains("feedback:\n| fix the test\n")
        .contains("tools: apply_patch\n")
        .contains("- ci.png (3 bytes)\n")
        .contains("iteration 1:\n  reply.text:\n  | Here is a fix.\n  | Done.\n")
        .contains("  action 1:\n  | Patch[text=--- a/src/lib.rs\n")
        .contains("  outcome 1 APPLIED:\n  | applied src/lib.rs\n")
        .contains("  gate build PASS:\n  | build passed\n")
        .contains("  gate test FAIL:\n  | 1 test failed:\n  |   one_is_two\n")
        .doesNotContain("abc1234")
        .doesNotContain("PT1.234S");
  }
}
