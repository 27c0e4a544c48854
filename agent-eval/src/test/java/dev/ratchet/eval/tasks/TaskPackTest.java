package dev.ratchet.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.images.CiScreenshot;
import dev.ratchet.model.Attachment;
import dev.ratchet.testkit.GitRepos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
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
  void bundled_holdsTenTasks_oneOfEachKind() {
    assertThat(PACK.ids()).hasSize(10).contains("01-zero-copy-parser", "10-ci-screenshot");
    assertThat(PACK.tasks()).extracting(Task::kind)
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void multimodalTask_comesWithAPicture_andNoTextOfTheLog() throws IOException {
    String id = "10-ci-screenshot";
    List<Attachment> images = PACK.attachments(PACK.task(id));

    assertThat(images).singleElement().satisfies(a -> {
      assertThat(a.mimeType()).isEqualTo("image/png");
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(a.data()));
      assertThat(png.getWidth()).isBetween(600, CiScreenshot.MAX_WIDTH);
      assertThat(png.getHeight()).isBetween(400, CiScreenshot.MAX_HEIGHT);
    });
    String log = Files.readString(PACK.extract(id, tmp.resolve("all")).resolve("ci.log"));
    for (String line : log.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList()) {
      if (line.strip().length() > 12) {
        assertThat(PACK.prompt(id)).as("task.md quotes the log").doesNotContain(line.strip());
      }
    }
    assertThat(PACK.attachments(PACK.task("01-zero-copy-parser"))).isEmpty();
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
    GitRepos.commitAll(crate, "start");
    TaskFixtures.applyGold(PACK, id, crate);

    String changed = GitRepos.git(crate, "status", "--porcelain");
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
    assertThat(t.image()).isEmpty();
    assertThat(Task.parse("{\"id\":\"10-ci\",\"kind\":10,\"title\":\"CI\","
        + "\"gates\":[\"test\"],\"image\":\"ci.png\"}").image()).contains("ci.png");
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
    assertThatThrownBy(() -> Task.parse("{\"id\":\"10-a\",\"kind\":10,\"title\":\"t\","
        + "\"gates\":[\"test\"],\"image\":\"../secret.png\"}"))
        .hasMessageContaining("image must be a .png or .jpg file name");
  }

  @Test
  void task_unknownId_namesTheTasksThereAre() {
    assertThatThrownBy(() -> PACK.task("99-nope")).hasMessageContaining("01-zero-copy-parser");
  }
}
