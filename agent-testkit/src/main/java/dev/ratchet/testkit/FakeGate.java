package dev.ratchet.testkit;

import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A gate whose verdicts are scripted or computed by a function, and that counts its runs.
 *
 * <p>Every result it returns carries the fake's name, whatever name the scripted result had. Safe
 * for use from several threads.
 */
public final class FakeGate implements Gate {

  private final String name;
  private final Verdict verdict;
  private int calls;

  private FakeGate(String name, Verdict verdict) {
    this.name = requireName(name);
    this.verdict = Objects.requireNonNull(verdict, "verdict");
  }

  /** Starts a scripted gate with the given name; finish it with {@link Named#results}. */
  public static Named named(String name) {
    return new Named(requireName(name));
  }

  /** Returns a gate that always passes. */
  public static FakeGate passing(String name) {
    GateResult pass = GateResult.of(name, GateStatus.PASS, name + " passed");
    return new FakeGate(name, (context, call) -> pass);
  }

  /** Returns a gate that always fails with the given summary. */
  public static FakeGate failing(String name, String summary) {
    GateResult fail = GateResult.of(name, GateStatus.FAIL, summary);
    return new FakeGate(name, (context, call) -> fail);
  }

  /**
   * Returns a gate whose result the function computes from the context, for example a pass when a
   * workspace file contains some text.
   */
  public static FakeGate of(String name, Function<GateContext, GateResult> verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return new FakeGate(name, (context, call) -> verdict.apply(context));
  }

  /** Returns the next result (renamed to this gate's name) and counts the call. */
  @Override
  public GateResult run(GateContext context) {
    Objects.requireNonNull(context, "context");
    int call;
    synchronized (this) {
      call = ++calls;
    }
    GateResult result = verdict.apply(context, call);
    if (result == null) {
      throw new IllegalStateException(
          "the function of fake gate '" + name + "' returned null on call " + call
              + "; return a GateResult");
    }
    return renamed(result, name);
  }

  /** Returns this gate's name. */
  @Override
  public String name() {
    return name;
  }

  /** Returns how many times {@link #run} was called. */
  public synchronized int calls() {
    return calls;
  }

  @Override
  public String toString() {
    return "FakeGate[" + name + "]";
  }

  private static GateResult renamed(GateResult r, String name) {
    if (r.gate().equals(name)) {
      return r;
    }
    return new GateResult(
        name,
        r.status(),
        r.diagnostics(),
        r.tests(),
        r.metrics(),
        r.summary(),
        r.log(),
        r.duration());
  }

  private static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a gate name must not be blank; name it like 'test'");
    }
    return name;
  }

  /** Computes the result of the given (1-based) call. */
  private interface Verdict {
    GateResult apply(GateContext context, int call);
  }

  /** The first step of a scripted gate: a name waiting for its results. */
  public static final class Named {
    private final String name;

    private Named(String name) {
      this.name = name;
    }

    /**
     * Returns a gate that gives these results in order, one per run, repeating the last one once
     * they are used up.
     *
     * @throws IllegalArgumentException when no result is given
     */
    public FakeGate results(GateResult... results) {
      List<GateResult> script = List.of(results);
      if (script.isEmpty()) {
        throw new IllegalArgumentException(
            "fake gate '" + name + "' needs at least one result; use FakeGate.passing(name) for"
                + " a gate that always passes");
      }
      return new FakeGate(
          name, (context, call) -> script.get(Math.min(call, script.size()) - 1));
    }
  }
}
