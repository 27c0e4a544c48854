package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test binary as cargo announces it on stderr: {@code Running unittests src/lib.rs
 * (target/debug/deps/acct-105b1f6d24b086a3)}, {@code Running tests/it.rs (...)} or {@code
 * Doc-tests acct}.
 *
 * @param kind what kind of binary
 * @param source the source file cargo names (relative to its package), or the crate for doc tests
 * @param artifact the executable's name without directory and hash ({@code acct}, {@code it}), or
 *     the crate name for doc tests
 * @param header the header line, trimmed: with the hash it tells apart binaries that share a
 *     source path, such as {@code src/lib.rs} of two workspace members
 */
record TestBinary(Kind kind, String source, String artifact, String header) {

  private static final Pattern RUNNING =
      Pattern.compile("\\s+Running (unittests )?(\\S.*?) \\(([^()]+)\\)");
  private static final Pattern DOC_TESTS = Pattern.compile("\\s+Doc-tests (\\S+)");
  private static final Pattern HASH = Pattern.compile("-[0-9a-f]{16}$");

  enum Kind {
    /** The unit tests of a lib, bin or example target. */
    UNIT,
    /** An integration test, bench or example target of its own. */
    TARGET,
    /** rustdoc's run of the doc tests of one crate. */
    DOC
  }

  /** The binary a header line announces; empty when the line is not a header. */
  static Optional<TestBinary> fromHeader(String line) {
    Matcher running = RUNNING.matcher(line);
    if (running.matches()) {
      String executable = running.group(3);
      String name = executable.substring(Math.max(executable.lastIndexOf('/'),
          executable.lastIndexOf('\\')) + 1);
      if (name.endsWith(".exe")) {
        name = name.substring(0, name.length() - 4);
      }
      return Optional.of(new TestBinary(running.group(1) == null ? Kind.TARGET : Kind.UNIT,
          running.group(2), HASH.matcher(name).replaceFirst(""), line.strip()));
    }
    Matcher doc = DOC_TESTS.matcher(line);
    if (doc.matches()) {
      return Optional.of(new TestBinary(Kind.DOC, doc.group(1), doc.group(1), line.strip()));
    }
    return Optional.empty();
  }

  /** A short name for messages: {@code unittests src/lib.rs (acct)}, {@code Doc-tests acct}. */
  String label() {
    return switch (kind) {
      case UNIT -> "unittests " + source + " (" + artifact + ")";
      case TARGET -> source + " (" + artifact + ")";
      case DOC -> "Doc-tests " + artifact;
    };
  }

  /**
   * The name a test of this binary gets in a {@link dev.ratchet.gate.TestOutcome}: the crate path
   * ({@code acct::tests::adds}, {@code it::it_fails}); doc test names already say their file.
   */
  String qualify(String test) {
    return kind == Kind.DOC ? test : artifact + "::" + test;
  }

  /** Whether this binary's artifact is one of the target names ({@code -} and {@code _} alike). */
  boolean isTarget(Set<String> targetNames) {
    return kind != Kind.DOC && targetNames.stream()
        .anyMatch(t -> t.replace('-', '_').equals(artifact.replace('-', '_')));
  }

  /** Output split at binary headers: what came before the first header, then each binary's part. */
  record Split(List<String> preamble, List<Part> parts) {}

  /** One binary's part of cargo's output: its header and the lines up to the next header. */
  record Part(TestBinary binary, List<String> lines) {}

  /** Splits {@code lines} (stderr merged into stdout) at every header line. */
  static Split split(List<String> lines) {
    List<String> preamble = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    TestBinary current = null;
    List<String> body = preamble;
    for (String line : lines) {
      Optional<TestBinary> header = fromHeader(line);
      if (header.isPresent()) {
        if (current != null) {
          parts.add(new Part(current, List.copyOf(body)));
        }
        current = header.get();
        body = new ArrayList<>();
      } else {
        body.add(line);
      }
    }
    if (current != null) {
      parts.add(new Part(current, List.copyOf(body)));
    }
    return new Split(List.copyOf(preamble), List.copyOf(parts));
  }
}
