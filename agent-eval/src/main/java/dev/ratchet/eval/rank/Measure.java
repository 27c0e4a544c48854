package dev.ratchet.eval.rank;

import dev.ratchet.eval.EvalResult;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.PassAtK;
import dev.ratchet.eval.ProblemResult;
import dev.ratchet.eval.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Computes one model's {@link Measurements} from its results. */
final class Measure {
  private Measure() {}

  /**
   * The measurements of {@code results}, all of one model; suites in name order. Instances that
   * do not apply to the model (a picture for a text-only model) are left out, not failed.
   */
  static Measurements of(List<EvalResult> given, RankOptions options) {
    List<EvalResult> results = given.stream()
        .filter(r -> !(r instanceof InstanceResult i && i.notApplicable())).toList();
    Map<String, List<EvalResult>> bySuite = new TreeMap<>();
    for (EvalResult r : results) {
      bySuite.computeIfAbsent(r.suite(), s -> new ArrayList<>()).add(r);
    }
    List<SuiteResult> suites = new ArrayList<>();
    bySuite.forEach((suite, list) -> suites.add(suite(suite, list, options.isMultimodal(suite))));

    int samples = 0;
    int instances = 0;
    List<Long> latencies = new ArrayList<>();
    long tokens = 0;
    long tokenMillis = 0;
    long runMillis = 0;
    int runs = 0;
    int toolCalls = 0;
    int invalid = 0;
    long iterations = 0;
    int resolvedIterating = 0;
    long gateMillis = 0;
    int gated = 0;
    int timedAttempts = 0;
    int timedSolved = 0;
    double modelSeconds = 0;
    for (EvalResult r : results) {
      if (r instanceof ProblemResult) {
        for (Sample s : ((ProblemResult) r).samples()) {
          samples++;
          if (s.modelMillis() > 0) {
            latencies.add(s.modelMillis());
            timedAttempts++;
            timedSolved += s.passed() ? 1 : 0;
            modelSeconds += s.modelMillis() / 1000.0;
            if (s.outputTokens() > 0) {
              tokens += s.outputTokens();
              tokenMillis += s.modelMillis();
            }
          }
          if (s.runMillis() > 0) {
            runMillis += s.runMillis();
            runs++;
          }
        }
      } else {
        InstanceResult i = (InstanceResult) r;
        instances++;
        int calls = Math.max(0, i.toolCalls());
        toolCalls += calls;
        invalid += Math.max(0, Math.min(calls, i.invalidToolCalls()));
        if (i.resolved() && i.iterations() > 0) {
          iterations += i.iterations();
          resolvedIterating++;
        }
        if (i.gateMillis() > 0) {
          gateMillis += i.gateMillis();
          gated++;
        }
        if (i.outputTokens() > 0 && i.durationMillis() > Math.max(0, i.gateMillis())) {
          timedAttempts++;
          timedSolved += i.resolved() ? 1 : 0;
          modelSeconds += (i.durationMillis() - Math.max(0, i.gateMillis())) / 1000.0;
        }
      }
    }
    return new Measurements(suites, samples, instances, mean(latencies), median(latencies),
        tokenMillis > 0 ? OptionalDouble.of(tokens * 1000.0 / tokenMillis)
            : OptionalDouble.empty(),
        toolCalls, invalid,
        resolvedIterating > 0 ? OptionalDouble.of((double) iterations / resolvedIterating)
            : OptionalDouble.empty(),
        gated > 0 ? OptionalDouble.of((double) gateMillis / gated) : OptionalDouble.empty(),
        runs > 0 ? OptionalDouble.of((double) runMillis / runs) : OptionalDouble.empty(),
        timedAttempts, timedSolved, modelSeconds);
  }

  private static SuiteResult suite(String suite, List<EvalResult> list, boolean multimodal) {
    int problems = 0;
    int instances = 0;
    double sum = 0;
    int solved = 0;
    int minN = Integer.MAX_VALUE;
    for (EvalResult r : list) {
      if (r instanceof ProblemResult) {
        ProblemResult p = (ProblemResult) r;
        problems++;
        sum += p.n() == 0 ? 0 : p.passAt(1);
        solved += p.correct() > 0 ? 1 : 0;
        minN = Math.min(minN, p.n());
      } else {
        instances++;
        boolean resolved = ((InstanceResult) r).resolved();
        sum += resolved ? 1 : 0;
        solved += resolved ? 1 : 0;
      }
    }
    SuiteResult.Kind kind = instances == 0 ? SuiteResult.Kind.COMPLETION
        : problems == 0 ? SuiteResult.Kind.REPOSITORY : SuiteResult.Kind.MIXED;
    Map<Integer, Double> passAtK = new TreeMap<>();
    if (kind == SuiteResult.Kind.COMPLETION) {
      for (int k : PassAtK.REPORTED_K) {
        if (k > 1 && minN >= k) {
          final int kk = k;
          passAtK.put(k, list.stream().mapToDouble(r -> ((ProblemResult) r).passAt(kk))
              .average().orElse(0));
        }
      }
    }
    return new SuiteResult(suite, kind, multimodal, list.size(), sum / list.size(),
        new TreeMap<>(passAtK), solved);
  }

  private static OptionalDouble mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average();
  }

  private static OptionalDouble median(List<Long> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid]
        : (sorted[mid - 1] + sorted[mid]) / 2.0);
  }
}
