package dev.ratchet.eval.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.RetriableException;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompleterTest {
  private static final CompletionProblem PROBLEM = new CompletionProblem("humaneval-rs",
      "HumanEval_0", CompletionProblem.Format.MULTIPL_E, "fn f() -> i32 {\n", "",
      "}\nfn main() { assert_eq!(f(), 1); }\n", List.of("\n}"), Optional.empty());
  private static final List<Duration> WAITS = List.of(Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofSeconds(4));

  @Test
  void aBusyServer_isAskedAgain_afterGrowingWaits() {
    AtomicInteger calls = new AtomicInteger();
    ModelClient flaky = request -> {
      if (calls.incrementAndGet() <= 2) {
        throw new RetriableException("HTTP 503: loading the model");
      }
      return ModelReply.of("```rust\n    1\n}\n```", List.of(), new TokenUsage(10, 3));
    };
    List<Duration> waited = new ArrayList<>();

    Completer.Completion c = Completer.model(flaky, WAITS, waited::add).complete(PROBLEM, 0);

    assertThat(c.text()).isEqualTo("    1\n}\n");
    assertThat(calls).hasValue(3);
    assertThat(waited).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aServerThatStaysDown_endsTheRunAfterTheLastWait_andABadRequestAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    ModelClient down = request -> {
      calls.incrementAndGet();
      throw new RetriableException("connection refused");
    };
    assertThatThrownBy(() -> Completer.model(down, WAITS, d -> { }).complete(PROBLEM, 0))
        .isInstanceOf(RetriableException.class);
    assertThat(calls).hasValue(4);

    AtomicInteger refused = new AtomicInteger();
    ModelClient wrong = request -> {
      refused.incrementAndGet();
      throw new dev.ratchet.RatchetException("HTTP 404: no such model");
    };
    assertThatThrownBy(() -> Completer.model(wrong, WAITS, d -> { }).complete(PROBLEM, 0))
        .hasMessageContaining("404");
    assertThat(refused).hasValue(1);
  }
}
