package dev.ratchet.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled pack is whole: every folder complete, every task.json valid, every gold applies. */
class TaskPackTest {

  private static final TaskPack PACK = TaskPack.bundled();

  @TempDir Path tmp;

  static List<String> ids() {
    return PACK.ids();
  }

  @Test
  void bundled_holdsTheTasks_withDistinctKinds() {
    assertThat(PACK.ids()).isNotEmpty().contains("01-zero-copy-parser", "08-typed-errors");
    assertThat(PACK.tasks()).extracting(Task::kind).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void everyTask_hasEveryFile_andAValidTaskJson(String id) {
    assertThat(PACK.missing(id)).as(id).isEmpty();
    Task task = PACK.task(id);
    assertThat(task.id()).isEqualTo(id);
    assertThat(task.gates()).contains("test");
    assertThat(PACK.prompt(id)).startsWith("# ").hasSizeGreaterThan(200);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void goldPatch_appliesToTheStartingCrate_andTouchesOnlyIt(String id) throws IOException {
    Path crate = PACK.extractCrate(id, tmp.resolve("crate"));
    TaskFixtures.commitAll(crate, "start");
    TaskFixtures.applyGold(PACK, id, crate);

    String changed = TaskFixtures.git(crate, "status", "--porcelain");
    assertThat(changed).as("gold.patch of " + id + " changes nothing").isNotBlank();
    assertThat(PACK.goldPatch(id)).contains("--- a/", "+++ b/").doesNotContain("target/");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void hiddenChecks_areNotShownToTheModel_andNoBuildOutputIsBundled(String id) throws IOException {
    Path crate = PACK.extractCrate(id, tmp.resolve("crate"));
    Path all = PACK.extract(id, tmp.resolve("all"));
    assertThat(crate.resolve("target")).doesNotExist();
    try (Stream<Path> hidden = Files.walk(all.resolve("hidden"))) {
      for (Path p : hidden.filter(Files::isRegularFile).toList()) {
        Path rel = all.resolve("hidden").relativize(p);
        assertThat(crate.resolve(rel.toString())).as("hidden file in the crate: " + rel)
            .doesNotExist();
        assertThat(PACK.prompt(id)).as("task.md names the hidden file " + rel)
            .doesNotContain("hidden/" + rel);
      }
    }
    PACK.addHiddenChecks(id, crate);
    try (Stream<Path> added = Files.walk(crate.resolve("tests"))) {
      assertThat(added.filter(Files::isRegularFile)).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("ids")
  void startingCrate_pinsEveryDependency(String id) throws IOException {
    Path crate = PACK.extractCrate(id, tmp.resolve("crate"));
    String lock = Files.readString(crate.resolve("Cargo.lock"));
    assertThat(lock).contains("version = 4").contains("[[package]]");
    assertThat(Files.readString(crate.resolve("Cargo.toml"))).doesNotContain("git =", "path =");
  }

  @Test
  void parse_readsEveryField() {
    Task t = Task.parse("{\"id\":\"03-mpsc\",\"kind\":3,\"title\":\"Queue\","
        + "\"gates\":[\"build\",\"test\",\"loom\"],\"loom_filter\":\"loom_\"}");

    assertThat(t).isEqualTo(new Task("03-mpsc", 3, "Queue", List.of("build", "test", "loom"),
        "loom_"));
    assertThat(t.loom()).contains("loom_");
  }

  @Test
  void parse_refusesUnknownGates_unknownFields_andGatesOutOfOrder() {
    assertThatThrownBy(() -> Task.parse(
        "{\"id\":\"01-a\",\"kind\":1,\"title\":\"t\",\"gates\":[\"tests\"]}"))
        .hasMessageContaining("unknown gate tests");
    assertThatThrownBy(() -> Task.parse(
        "{\"id\":\"01-a\",\"kind\":1,\"title\":\"t\",\"gates\":[\"test\"],\"gate\":1}"))
        .hasMessageContaining("unknown field gate");
    assertThatThrownBy(() -> Task.parse(
        "{\"id\":\"01-a\",\"kind\":1,\"title\":\"t\",\"gates\":[\"test\",\"build\"]}"))
        .hasMessageContaining("in the order");
    assertThatThrownBy(() -> Task.parse(
        "{\"id\":\"01-a\",\"kind\":11,\"title\":\"t\",\"gates\":[\"test\"]}"))
        .hasMessageContaining("kind must be 1..10");
  }

  @Test
  void task_unknownId_namesTheTasksThereAre() {
    assertThatThrownBy(() -> PACK.task("99-nope")).hasMessageContaining("01-zero-copy-parser");
  }
}
