package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two commands whose outputs {@link TestAccounting} judges: {@code cargo test ARGS
 * --message-format=json --no-fail-fast -- --list HARNESS}, which builds the tests (diagnostics as
 * JSON) and lists them, then {@code cargo test ARGS --no-fail-fast -- HARNESS}, which runs them.
 * Both run under {@code /bin/sh} with cargo's stderr merged into its stdout, as the accounting
 * needs (the binary headers are on stderr, libtest's lines on stdout).
 */
public final class TestCommands {

  /** cargo test's target selection options. */
  private static final Set<String> TARGET_SELECTION = Set.of("--lib", "--bin", "--bins",
      "--example", "--examples", "--test", "--tests", "--bench", "--benches", "--all-targets",
      "--doc");

  private TestCommands() {}

  /**
   * The listing command.
   *
   * @param cargoArgs from {@code test} on, such as {@code test --frozen --workspace}
   * @param harnessArgs libtest's arguments, such as name filters
   */
  public static List<String> list(List<String> cargoArgs, List<String> harnessArgs) {
    return merged(cargoArgs, List.of("--message-format=json"), List.of("--list"), harnessArgs);
  }

  /**
   * The run that follows {@code listOutput}. When the listing found no doc test it adds {@code
   * --tests} (every test target the plain command runs, without doc tests), so rustdoc does not
   * parse the crate again to run nothing; a command that selects its own targets runs as given.
   */
  public static List<String> run(List<String> cargoArgs, List<String> harnessArgs,
      String listOutput) {
    boolean selectsTargets = cargoArgs.stream()
        .anyMatch(a -> TARGET_SELECTION.contains(a.split("=", 2)[0]));
    List<String> extra = !selectsTargets && TestAccounting.listsNoDocTests(listOutput)
        ? List.of("--tests") : List.of();
    return merged(cargoArgs, extra, List.of(), harnessArgs);
  }

  private static List<String> merged(List<String> cargoArgs, List<String> cargoExtra,
      List<String> harnessExtra, List<String> harnessArgs) {
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1",
        "cargo"));
    argv.addAll(cargoArgs);
    argv.addAll(cargoExtra);
    argv.add("--no-fail-fast");
    argv.add("--");
    argv.addAll(harnessExtra);
    argv.addAll(harnessArgs);
    return List.copyOf(argv);
  }
}
