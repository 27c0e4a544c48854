package dev.ratchet.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassAtKTest {

  /** The closed form 1 - C(n-c, k)/C(n, k), with exact big integers. */
  private static double exact(int n, int c, int k) {
    java.math.BigInteger num = binomial(n - c, k);
    java.math.BigInteger den = binomial(n, k);
    return 1.0 - new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den),
        java.math.MathContext.DECIMAL64).doubleValue();
  }

  private static java.math.BigInteger binomial(int n, int k) {
    if (k > n) {
      return java.math.BigInteger.ZERO;
    }
    java.math.BigInteger r = java.math.BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(java.math.BigInteger.valueOf(n - i)).divide(java.math.BigInteger.valueOf(i + 1));
    }
    return r;
  }

  @Test
  void estimate_matchesTheClosedForm_includingLargeN() {
    assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-12));
    for (int[] nck : new int[][] {{10, 3, 5}, {20, 1, 10}, {200, 7, 1}, {200, 7, 100},
        {1000, 13, 10}}) {
      assertThat(PassAtK.estimate(nck[0], nck[1], nck[2])).as("n=%d c=%d k=%d", nck[0], nck[1],
          nck[2]).isCloseTo(exact(nck[0], nck[1], nck[2]), within(1e-9));
    }
  }

  @Test
  void estimate_isOne_whenFewerWrongSamplesThanK_andZero_whenNoneCorrect() {
    assertThat(PassAtK.estimate(10, 8, 5)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(10, 0, 5)).isEqualTo(0.0);
  }

  @Test
  void estimate_refusesKAboveN() {
    assertThatThrownBy(() -> PassAtK.estimate(5, 1, 10)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("at least 10 samples");
  }
}
