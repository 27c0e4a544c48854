package dev.ratchet.rust.cargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads criterion's {@code <criterion dir>/<benchmark>/{new,base}/estimates.json} files, written by
 * a benchmark run in the sandbox, into {@link BenchEstimate}s.
 *
 * <p>The directory was written by untrusted code: the walk follows no link, every path on the way
 * is checked not to be a symlink, and each file is read through {@link SafeFiles#read} (regular
 * files only, at most {@value #MAX_FILE_BYTES} bytes). The benchmark's name comes from the
 * sibling {@code benchmark.json} ({@code full_id}) when it is readable, else from the directory.
 * Trusts the numbers inside: code that can write these files can also make itself fast; the
 * benchmark gate compares against a baseline the gate keeps, not one in the tree.
 */
public final class CriterionEstimates {

  /** criterion's output directory, relative to the workspace. */
  public static final String DEFAULT_DIR = "target/criterion";
  static final long MAX_FILE_BYTES = 1L << 20;
  private static final int MAX_DEPTH = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CriterionEstimates() {}

  /** Reads the latest run ({@code new/}) under {@value #DEFAULT_DIR}. */
  public static CriterionResults read(Path root) {
    return read(root, DEFAULT_DIR, "new");
  }

  /**
   * Reads the estimates of one kind.
   *
   * @param root the workspace root on the host
   * @param criterionDir criterion's directory relative to {@code root}
   * @param which {@code new} (the latest run) or {@code base} (the run before, or a saved
   *     baseline's name)
   */
  public static CriterionResults read(Path root, String criterionDir, String which) {
    Objects.requireNonNull(which, "which");
    if (which.isEmpty() || which.contains("/") || which.contains("\\") || which.equals("..")) {
      throw new IllegalArgumentException("which must be a directory name such as new or base,"
          + " got '" + which + "'");
    }
    Path base = root.toAbsolutePath().normalize();
    Optional<Path> dir = SafeFiles.resolveInside(base, criterionDir);
    if (dir.isEmpty()) {
      throw new IllegalArgumentException(criterionDir + " is not a directory inside " + root);
    }
    List<String> problems = new ArrayList<>();
    if (!Files.exists(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
      return new CriterionResults(List.of(), List.of());
    }
    if (linkOnTheWay(base, dir.get()) || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
      return new CriterionResults(List.of(),
          List.of(criterionDir + " is a symlink or not a directory: not read"));
    }
    TreeMap<String, BenchEstimate> byName = new TreeMap<>();
    for (Path file : estimateFiles(dir.get(), which, problems)) {
      String rel = base.relativize(file).toString();
      if (linkOnTheWay(base, file)) {
        problems.add(rel + " is a symlink or lies under one: not read");
        continue;
      }
      Path benchDir = file.getParent().getParent();
      String fallback = dir.get().relativize(benchDir).toString().replace('\\', '/');
      try {
        Optional<JsonNode> estimates = json(base, rel);
        if (estimates.isEmpty()) {
          problems.add(rel + " is not a regular file: not read");
          continue;
        }
        String name = json(base, base.relativize(file.resolveSibling("benchmark.json")).toString())
            .map(b -> b.path("full_id").asText(""))
            .filter(n -> !n.isBlank()).orElse(fallback);
        BenchEstimate estimate = new BenchEstimate(name, interval(estimates.get().path("mean")),
            interval(estimates.get().path("median")));
        if (byName.putIfAbsent(name, estimate) != null) {
          problems.add(rel + " repeats the benchmark name '" + name + "': not read");
        }
      } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        problems.add(rel + " cannot be read: " + e.getMessage());
      }
    }
    return new CriterionResults(List.copyOf(byName.values()), problems);
  }

  private static List<Path> estimateFiles(Path dir, String which, List<String> problems) {
    // Files.walk without FOLLOW_LINKS does not enter symlinked directories.
    try (Stream<Path> paths = Files.walk(dir, MAX_DEPTH)) {
      return paths.filter(p -> p.getFileName().toString().equals("estimates.json")
              && p.getParent() != null && p.getParent().getFileName().toString().equals(which)
              && !dir.relativize(p).startsWith("report"))
          .sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add("the criterion directory cannot be walked: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean linkOnTheWay(Path base, Path path) {
    for (Path p = path; p != null && p.startsWith(base) && !p.equals(base); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<JsonNode> json(Path base, String rel) {
    Optional<byte[]> bytes = SafeFiles.read(base, rel, MAX_FILE_BYTES);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(bytes.get()));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: "
          + Text.lines(String.valueOf(e.getMessage())).stream().findFirst().orElse(""));
    }
  }

  private static BenchEstimate.Interval interval(JsonNode node) {
    JsonNode point = node.path("point_estimate");
    JsonNode ci = node.path("confidence_interval");
    if (!point.isNumber() || !ci.path("lower_bound").isNumber()
        || !ci.path("upper_bound").isNumber()) {
      throw new IllegalArgumentException("no point_estimate and confidence_interval");
    }
    return new BenchEstimate.Interval(point.asDouble(), ci.path("lower_bound").asDouble(),
        ci.path("upper_bound").asDouble());
  }
}
