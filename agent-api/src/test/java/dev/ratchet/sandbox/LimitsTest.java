package dev.ratchet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private final Limits limits = new Limits(Duration.ofSeconds(20), 512L << 20, 256, 1.0, 65536);

  @Test
  void describe_namesEachLimitWithItsValue() {
    assertThat(limits.describe(ExecResult.Limit.TIME)).isEqualTo("the time limit (20 s)");
    assertThat(limits.withTimeout(Duration.ofMillis(1500)).describe(ExecResult.Limit.TIME))
        .isEqualTo("the time limit (1500 ms)");
    assertThat(limits.describe(ExecResult.Limit.MEMORY)).isEqualTo("the memory limit (512 MiB)");
    assertThat(limits.describe(ExecResult.Limit.PIDS))
        .isEqualTo("the process limit (256 processes and threads)");
    assertThat(limits.describe(ExecResult.Limit.OUTPUT))
        .isEqualTo("the output cap (65536 bytes per stream)");
    assertThat(limits.describe(ExecResult.Limit.FILE_SIZE)).isEqualTo("the file size limit");
  }
}
