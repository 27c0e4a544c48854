package dev.ratchet.rust;

import dev.ratchet.gate.Gate;
import dev.ratchet.rust.cargo.LoomReport;
import dev.ratchet.rust.cargo.ManifestRules;
import dev.ratchet.sandbox.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Rust gates, made for one {@link CargoEnvironment}. Each gate checks the manifests on the host,
 * fetches dependencies once, runs cargo in the sandbox with the workspace read-only and warnings
 * denied, and remembers its verdict per git tree.
 *
 * <pre>{@code
 * RustGates rust = RustGates.with(CargoEnvironment.builder().build());
 * List<Gate> gates = rust.pipeline(List.of("fmt", "clippy", "test"));
 * }</pre>
 */
public final class RustGates {

  /** The pipeline's order: cheap and certain first. */
  public static final List<String> ORDER =
      List.of("fmt", "build", "clippy", "doc", "test", "miri", "loom", "bench");

  private static final Map<String, String> DENY_WARNINGS = Map.of("RUSTFLAGS", "-D warnings",
      "RUSTDOCFLAGS", "-D warnings");

  /**
   * Every rustdoc lint denied. {@code rustdoc::all} on stable leaves out the unstable
   * {@code missing_doc_code_examples} (naming it is itself an error there), so what it adds to
   * {@code -D warnings} is private doc tests, unescaped backticks and missing crate docs.
   */
  private static final Map<String, String> DENY_DOC_WARNINGS = Map.of("RUSTFLAGS",
      "-D warnings", "RUSTDOCFLAGS", "-D warnings -D rustdoc::all");

  private final CargoEnvironment environment;
  private final ManifestPolicy manifests;
  private final Map<String, Limits> limits;

  private RustGates(CargoEnvironment environment, ManifestPolicy manifests,
      Map<String, Limits> limits) {
    this.environment = environment;
    this.manifests = manifests;
    this.limits = limits;
  }

  /** Gates for this environment, with strict manifest rules and the environment's limits. */
  public static RustGates with(CargoEnvironment environment) {
    return new RustGates(Objects.requireNonNull(environment, "environment"),
        ManifestPolicy.strict(), Map.of());
  }

  /** A copy whose gates enforce other manifest rules (allowing [patch] or git sources). */
  public RustGates manifestRules(ManifestRules rules) {
    return new RustGates(environment, new ManifestPolicy(rules), limits);
  }

  /** A copy in which the named gate runs under other limits (its own timeout, memory...). */
  public RustGates limits(String gate, Limits gateLimits) {
    if (!ORDER.contains(gate)) {
      throw new IllegalArgumentException("no gate '" + gate + "'; gates are " + ORDER);
    }
    Map<String, Limits> copy = new LinkedHashMap<>(limits);
    copy.put(gate, gateLimits);
    return new RustGates(environment, manifests, copy);
  }

  /** {@code cargo fmt --check}: the files that differ. */
  public Gate fmt() {
    return new FmtGate(environment, limitsOf("fmt"), manifests);
  }

  /** {@code cargo build --all-targets} with warnings denied: diagnostics. */
  public Gate build() {
    return new DiagnosticGate("build", List.of("build", "--frozen", "--workspace",
        "--all-targets", "--message-format=json"), DENY_WARNINGS, environment, limitsOf("build"),
        manifests);
  }

  /** {@code cargo clippy --all-targets -- -D warnings}: diagnostics with suggestions. */
  public Gate clippy() {
    return new DiagnosticGate("clippy", List.of("clippy", "--frozen", "--workspace",
        "--all-targets", "--message-format=json", "--", "-D", "warnings"), DENY_WARNINGS,
        environment, limitsOf("clippy"), manifests);
  }

  /**
   * {@code cargo doc --no-deps} with every rustdoc lint denied ({@code -D warnings -D
   * rustdoc::all}): broken or private intra-doc links, bad code-block attributes, invalid HTML,
   * bare URLs, missing docs where the crate asks for them. Diagnostics, as for build.
   */
  public Gate doc() {
    return new DiagnosticGate("doc", List.of("doc", "--frozen", "--workspace", "--no-deps",
        "--message-format=json"), DENY_DOC_WARNINGS, environment, limitsOf("doc"), manifests);
  }

  /**
   * {@code cargo test} with warnings denied, doc tests included, every test accounted for against
   * the listing taken first.
   */
  public Gate test() {
    return new TestGate("test", List.of("test", "--frozen", "--workspace"), List.of(),
        DENY_WARNINGS, output -> "", environment, limitsOf("test"), manifests);
  }

  /** {@code cargo miri test} (nightly) with Miri's defaults; UNAVAILABLE without Miri. */
  public Gate miri() {
    return miri(Map.of());
  }

  /** {@code cargo miri test} with environment such as {@code MIRIFLAGS}. */
  public Gate miri(Map<String, String> miriEnv) {
    return new MiriGate(miriEnv, environment, limitsOf("miri"), manifests);
  }

  /** Loom models: every test built with {@code --cfg loom} in release mode. */
  public Gate loom() {
    return loom("", Map.of());
  }

  /**
   * Loom models selected by a test-name filter, with Loom's settings such as {@code
   * LOOM_MAX_PREEMPTIONS}.
   */
  public Gate loom(String filter, Map<String, String> loomEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RUSTFLAGS", "--cfg loom -D warnings");
    env.put("RUSTDOCFLAGS", "--cfg loom");
    env.putAll(loomEnv);
    List<String> harness = filter.isEmpty() ? List.of() : List.of(filter);
    return new TestGate("loom", List.of("test", "--frozen", "--workspace", "--release",
        "--lib", "--tests"), harness, env, output -> LoomReport.parse(output).summary(),
        environment, limitsOf("loom"), manifests);
  }

  /** criterion benchmarks compared with a baseline (10% and outside the noise). */
  public Gate bench() {
    return bench(BenchOptions.defaults());
  }

  /** criterion benchmarks with the given options. */
  public Gate bench(BenchOptions options) {
    return new BenchGate(options, environment, limitsOf("bench"), manifests);
  }

  /** The gate called {@code name} with default options. */
  public Gate named(String name) {
    return switch (name) {
      case "fmt" -> fmt();
      case "build" -> build();
      case "clippy" -> clippy();
      case "doc" -> doc();
      case "test" -> test();
      case "miri" -> miri();
      case "loom" -> loom();
      case "bench" -> bench();
      default -> throw new IllegalArgumentException("no gate '" + name + "'; gates are " + ORDER);
    };
  }

  /** The named gates in the pipeline's order ({@link #ORDER}). */
  public List<Gate> pipeline(List<String> names) {
    List<String> unknown = names.stream().filter(n -> !ORDER.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no gate " + unknown + "; gates are " + ORDER);
    }
    List<Gate> gates = new ArrayList<>();
    for (String name : ORDER) {
      if (names.contains(name)) {
        gates.add(named(name));
      }
    }
    return gates;
  }

  /**
   * A gate that judges only what the change introduced: diagnostics and failing tests already
   * present on the base tree are reported apart and do not fail it.
   */
  public static Gate differential(Gate gate) {
    return new DifferentialGate(gate);
  }

  private Limits limitsOf(String gate) {
    return limits.getOrDefault(gate, environment.limits());
  }
}
