package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredTest {

  @Test
  void missing_failsUnderCi_andSkipsElsewhere_sayingWhatIsNeededAndWhy() {
    if (Required.underCi()) {
      assertThatThrownBy(() -> Required.missing(Required.DOCKER, "connection refused"))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessage("CI needs a Docker daemon (scripts/docker-up starts one):"
              + " connection refused");
    } else {
      assertThatThrownBy(() -> Required.missing(Required.DOCKER, ""))
          .isInstanceOf(TestAbortedException.class)
          .hasMessage("skipped: this test needs a Docker daemon (scripts/docker-up starts one)");
    }
  }
}
