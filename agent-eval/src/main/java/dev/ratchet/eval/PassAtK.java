package dev.ratchet.eval;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): with n samples of which c are correct,
 * {@code 1 - C(n-c, k) / C(n, k)}, computed as a product so large n does not overflow:
 * {@code 1 - prod_{i=n-c+1..n} (1 - k/i)}.
 */
public final class PassAtK {

  /**
   * The k that results, summaries and rankings report, each when every problem has at least k
   * samples: 1, 5 and 10 as rankings quote them, and 100 as Codex and MultiPL-E did.
   */
  public static final java.util.List<Integer> REPORTED_K = java.util.List.of(1, 5, 10, 100);

  private PassAtK() {}

  /** pass@k for one problem. */
  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1) {
      throw new IllegalArgumentException("need n >= 1, 0 <= c <= n, k >= 1; got n=" + n + " c="
          + c + " k=" + k);
    }
    if (k > n) {
      throw new IllegalArgumentException("pass@" + k + " needs at least " + k + " samples per"
          + " problem; this one has " + n);
    }
    // snippet:pass-at-k
    if (n - c < k) {
      return 1.0;
    }
    double allWrong = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      allWrong *= 1.0 - (double) k / i;
    }
    return 1.0 - allWrong;
    // end-snippet:pass-at-k
  }
}
