package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriterionEstimatesTest {

  @TempDir Path root;

  /** Copies the recorded criterion directory into a fresh tree that tests may tamper with. */
  @BeforeEach
  void copyGolden() throws IOException {
    Path from = Golden.dir("criterion/target/criterion");
    Path to = root.resolve("target/criterion");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  @Test
  void read_returnsEachBenchmarkByItsCriterionId() {
    CriterionResults results = CriterionEstimates.read(root);

    assertThat(results.problems()).isEmpty();
    assertThat(results.benchmarks()).extracting(BenchEstimate::name)
        .containsExactly("checksum", "parse/large", "parse/small");
    BenchEstimate large = results.benchmarks().get(1);
    assertThat(large.mean().point()).isCloseTo(1204.685632806135, within(1e-9));
    assertThat(large.mean().lower()).isCloseTo(1198.001158283526, within(1e-9));
    assertThat(large.mean().upper()).isCloseTo(1212.7367147438147, within(1e-9));
    assertThat(large.median().point()).isCloseTo(1195.4101827544318, within(1e-9));
  }

  @Test
  void read_readsANamedBaseline() {
    CriterionResults before = CriterionEstimates.read(root, "target/criterion", "before");

    assertThat(before.benchmarks()).extracting(b -> Math.round(b.mean().point()))
        .containsExactly(3L, 910L, 3L);
  }

  @Test
  void read_namesByDirectory_whenBenchmarkJsonIsMissing() throws IOException {
    Files.delete(root.resolve("target/criterion/parse/small/new/benchmark.json"));

    assertThat(CriterionEstimates.read(root).benchmarks()).extracting(BenchEstimate::name)
        .containsExactly("checksum", "parse/large", "parse/small");
  }

  @Test
  void read_skipsSymlinks_andSaysSo() throws IOException {
    Path large = root.resolve("target/criterion/parse/large/new/estimates.json");
    Path elsewhere = Files.createTempFile("ratchet-estimates", ".json");
    try {
      Files.move(large, elsewhere, StandardCopyOption.REPLACE_EXISTING);
      Files.createSymbolicLink(large, elsewhere);

      CriterionResults results = CriterionEstimates.read(root);

      assertThat(results.benchmarks()).extracting(BenchEstimate::name)
          .containsExactly("checksum", "parse/small");
      assertThat(results.problems()).containsExactly(
          "target/criterion/parse/large/new/estimates.json is a symlink or lies under one: not"
              + " read");
    } finally {
      Files.delete(elsewhere);
    }
  }

  @Test
  void read_doesNotWalkIntoSymlinkedDirectories() throws IOException {
    Path outside = Files.createTempDirectory("ratchet-criterion");
    try {
      Files.move(root.resolve("target/criterion/checksum"), outside.resolve("checksum"));
      Files.createSymbolicLink(root.resolve("target/criterion/checksum"),
          outside.resolve("checksum"));

      assertThat(CriterionEstimates.read(root).benchmarks()).extracting(BenchEstimate::name)
          .containsExactly("parse/large", "parse/small");
    } finally {
      SafeFiles.deleteTree(outside);
    }
  }

  @Test
  void read_refusesASymlinkedCriterionDirectory() throws IOException {
    Path real = root.resolve("elsewhere");
    Files.move(root.resolve("target/criterion"), real);
    Files.createSymbolicLink(root.resolve("target/criterion"), real);

    CriterionResults results = CriterionEstimates.read(root);

    assertThat(results.benchmarks()).isEmpty();
    assertThat(results.problems()).containsExactly(
        "target/criterion is a symlink or not a directory: not read");
  }

  @Test
  void read_reportsBrokenJson_andKeepsTheRest() throws IOException {
    Files.writeString(root.resolve("target/criterion/checksum/new/estimates.json"), "{\"mean\":");

    CriterionResults results = CriterionEstimates.read(root);

    assertThat(results.benchmarks()).hasSize(2);
    assertThat(results.problems()).singleElement().asString()
        .startsWith("target/criterion/checksum/new/estimates.json cannot be read: not JSON");
  }

  @Test
  void read_returnsNothing_whenNoBenchmarkRan() throws IOException {
    SafeFiles.deleteTree(root.resolve("target"));

    CriterionResults results = CriterionEstimates.read(root);

    assertThat(results.benchmarks()).isEmpty();
    assertThat(results.problems()).isEmpty();
  }

  @Test
  void read_refusesADirectoryOutsideTheRoot() {
    assertThatThrownBy(() -> CriterionEstimates.read(root, "../x", "new"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CriterionEstimates.read(root, "target/criterion", "../new"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
