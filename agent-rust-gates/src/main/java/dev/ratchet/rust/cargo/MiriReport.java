package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gist of a {@code cargo miri test} run: each error Miri stopped at (Undefined Behavior, an
 * unsupported operation, a leak, a deadlock), where it happened and the first frames of its
 * backtrace; or that Miri is not installed at all.
 *
 * <p>Reads the text Miri prints (stderr, best merged into stdout so the failing test's name
 * precedes the error). Miri reports both forms of backtrace frame: {@code = note: inside `f` at
 * src/lib.rs:5:14: 5:23} and {@code note: inside `f`} followed by {@code --> src/lib.rs:5:14}.
 * Trusts nothing but the shape: the program under test can print lines that look like Miri's, so
 * an empty report proves nothing; judge pass or fail by the test accounting and the exit status,
 * and use this report to explain a failure.
 *
 * @param unavailable whether Miri is missing from the toolchain
 * @param unavailableReason the line that said so; empty when Miri ran
 * @param findings the errors Miri reported, in order
 */
public record MiriReport(boolean unavailable, String unavailableReason, List<Finding> findings) {

  static final int MAX_FRAMES = 5;
  private static final Pattern FINDING = Pattern.compile("(?:test (.+?) \\.\\.\\. )?error: ("
      + "Undefined Behavior: .+|unsupported operation: .+|memory leaked: .+|deadlock: .+"
      + "|abnormal termination: .+|resource exhaustion: .+"
      + "|the main thread terminated without waiting for all remaining threads.*)");
  private static final Pattern ARROW = Pattern.compile("\\s*--> (.+)");
  private static final Pattern COMPACT_FRAME =
      Pattern.compile("\\s*= note: inside (?:call to )?(.+?) at (\\S+?:\\d+:\\d+)(?:: \\d+:\\d+)?");
  private static final Pattern SPAN_FRAME = Pattern.compile("note: inside (?:call to )?(.+)");
  private static final List<String> UNAVAILABLE = List.of("no such command: `miri`",
      "'cargo-miri' is not installed", "which provides the command 'cargo-miri' is not available",
      "'cargo-miri' binary, normally provided by the 'miri' component, is not applicable",
      "miri is not installed");

  /** Validates and copies. */
  public MiriReport {
    Objects.requireNonNull(unavailableReason, "unavailableReason");
    findings = List.copyOf(findings);
  }

  /**
   * One error Miri stopped at.
   *
   * @param kind what kind of error
   * @param message Miri's message without the kind prefix's {@code error: }
   * @param location the primary span, {@code src/lib.rs:5:14}; empty when none was printed
   * @param frames up to {@value MiriReport#MAX_FRAMES} innermost frames, {@code `f` at
   *     src/lib.rs:5:14}
   * @param test the test that was running, when its name preceded the error; else empty
   */
  public record Finding(Kind kind, String message, String location, List<String> frames,
      String test) {
    /** Validates and copies. */
    public Finding {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(location, "location");
      frames = List.copyOf(frames);
      Objects.requireNonNull(test, "test");
    }
  }

  /** What kind of error Miri reported. */
  public enum Kind {
    /** {@code Undefined Behavior: ...}, data races included. */
    UNDEFINED_BEHAVIOR,
    /** {@code unsupported operation: ...}: Miri could not check this code (not a verdict). */
    UNSUPPORTED,
    /** {@code memory leaked: ...}. */
    MEMORY_LEAK,
    /** {@code deadlock: ...}. */
    DEADLOCK,
    /** Abnormal termination, resource exhaustion, threads left running. */
    OTHER
  }

  /** Reads Miri's output. */
  public static MiriReport parse(String output) {
    List<String> lines = Text.lines(Text.stripAnsi(output));
    String reason = lines.stream().filter(MiriReport::saysUnavailable).findFirst().orElse("");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = FINDING.matcher(lines.get(i));
      if (m.matches()) {
        findings.add(finding(m, lines, i + 1));
      }
    }
    return new MiriReport(!reason.isEmpty(), reason.strip(), findings);
  }

  private static boolean saysUnavailable(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    return UNAVAILABLE.stream().anyMatch(u -> lower.contains(u.toLowerCase(Locale.ROOT)));
  }

  private static Finding finding(Matcher m, List<String> lines, int from) {
    String message = m.group(2);
    String location = "";
    List<String> frames = new ArrayList<>();
    String pendingFrame = null;
    for (int i = from; i < lines.size() && !FINDING.matcher(lines.get(i)).matches(); i++) {
      String line = lines.get(i);
      Matcher arrow = ARROW.matcher(line);
      Matcher compact = COMPACT_FRAME.matcher(line);
      Matcher span = SPAN_FRAME.matcher(line);
      if (arrow.matches()) {
        if (location.isEmpty()) {
          location = arrow.group(1).strip();
        }
        if (pendingFrame != null) {
          frames.add(pendingFrame + " at " + arrow.group(1).strip());
          pendingFrame = null;
        }
      } else if (compact.matches()) {
        frames.add(compact.group(1) + " at " + compact.group(2));
      } else if (span.matches()) {
        pendingFrame = span.group(1).strip();
      }
      if (line.startsWith("error: aborting due to")) {
        break;
      }
    }
    return new Finding(kind(message), message, location,
        frames.subList(0, Math.min(MAX_FRAMES, frames.size())),
        m.group(1) == null ? "" : m.group(1));
  }

  private static Kind kind(String message) {
    return message.startsWith("Undefined Behavior") ? Kind.UNDEFINED_BEHAVIOR
        : message.startsWith("unsupported operation") ? Kind.UNSUPPORTED
        : message.startsWith("memory leaked") ? Kind.MEMORY_LEAK
        : message.startsWith("deadlock") ? Kind.DEADLOCK : Kind.OTHER;
  }

  /** A short account for a model: the unavailability, or each finding with its frames. */
  public String summary() {
    if (unavailable) {
      return "Miri is not installed, so nothing was checked: " + unavailableReason;
    }
    if (findings.isEmpty()) {
      return "Miri reported no Undefined Behavior.";
    }
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(out.length() == 0 ? "" : "\n")
          .append(f.test().isEmpty() ? "" : "test " + f.test() + ": ")
          .append("error: ").append(f.message());
      if (!f.location().isEmpty()) {
        out.append("\n  --> ").append(f.location());
      }
      f.frames().forEach(frame -> out.append("\n  inside ").append(frame));
    }
    return out.toString();
  }
}
