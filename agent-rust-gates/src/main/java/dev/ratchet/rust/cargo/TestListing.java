package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests each binary says it has, read from {@code cargo test --no-fail-fast -- --list} with
 * stderr merged into stdout: {@code name: test} and {@code name: benchmark} lines closed by
 * libtest's {@code N tests, M benchmarks} footer, under cargo's {@code Running} headers.
 *
 * <p>A binary whose part has no footer did not list like libtest: a {@code harness = false}
 * target running its own main, or a binary that exited while listing.
 */
final class TestListing {

  private static final Pattern ENTRY = Pattern.compile("(.+): (test|benchmark)");
  private static final Pattern FOOTER =
      Pattern.compile("(\\d{1,9}) tests?, (\\d{1,9}) benchmarks?");

  /**
   * One listed binary.
   *
   * @param binary the binary
   * @param libtest whether libtest's footer closed the list
   * @param tests the listed names, tests and benchmarks alike (cargo test runs both once)
   * @param problem why the list cannot be trusted; empty when it can
   */
  record Listed(TestBinary binary, boolean libtest, List<String> tests, String problem) {}

  private TestListing() {}

  /** Reads the listing; each binary once, in the order cargo ran them. */
  static List<Listed> parse(String output) {
    List<Listed> out = new ArrayList<>();
    for (TestBinary.Part part : TestBinary.split(Text.lines(output)).parts()) {
      out.add(listed(part));
    }
    return List.copyOf(out);
  }

  private static Listed listed(TestBinary.Part part) {
    List<String> tests = new ArrayList<>();
    int footers = 0;
    long footerTotal = 0;
    for (String line : part.lines()) {
      Matcher footer = FOOTER.matcher(line);
      if (footer.matches()) {
        footers++;
        footerTotal = Long.parseLong(footer.group(1)) + Long.parseLong(footer.group(2));
        continue;
      }
      Matcher entry = ENTRY.matcher(line);
      if (entry.matches() && footers == 0) {
        tests.add(entry.group(1));
      }
    }
    String problem = "";
    if (footers > 1) {
      problem = "its listing has " + footers + " 'N tests, M benchmarks' lines";
    } else if (footers == 1 && footerTotal != tests.size()) {
      problem = "its listing names " + tests.size() + " tests but its footer counts " + footerTotal;
    } else if (tests.stream().distinct().count() != tests.size()) {
      problem = "its listing names a test twice";
    }
    return new Listed(part.binary(), footers > 0, List.copyOf(tests), problem);
  }
}
