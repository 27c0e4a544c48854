package dev.ratchet.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.HunkReport;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the golden patch cases in {@code src/test/resources/patches}: each case is an edit as a
 * model wrote it, a tree before, and the tree after or the expected rejection (see the README
 * there).
 */
class PatchGoldenTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException, URISyntaxException {
    Path root = Paths.get(getClass().getResource("/patches").toURI());
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> run(c)));
  }

  private void run(Path caseDir) throws IOException {
    Properties expect = new Properties();
    try (Reader r = Files.newBufferedReader(caseDir.resolve("expect.properties"))) {
      expect.load(r);
    }
    Path tree = tmp.resolve(caseDir.getFileName().toString());
    Files.createDirectories(tree);
    if (Files.isDirectory(caseDir.resolve("before"))) {
      copy(caseDir.resolve("before"), tree);
    }
    Path links = caseDir.resolve("symlinks.txt");
    if (Files.exists(links)) {
      for (String line : Files.readAllLines(links)) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("->");
        Path link = tree.resolve(parts[0].strip());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Paths.get(parts[1].strip()));
      }
    }
    Map<String, String> before = snapshot(tree);
    String edit = new String(Files.readAllBytes(caseDir.resolve("edit.txt")),
        StandardCharsets.UTF_8);

    ApplyResult result = EditApplier.create(tree, guard(expect.getProperty("options", "")))
        .apply(Edit.patch(edit));

    String description = caseDir.getFileName() + ": " + expect.getProperty("description", "");
    if (expect.getProperty("result").strip().equals("applied")) {
      assertThat(result).as(description).isInstanceOf(ApplyResult.Applied.class);
      assertThat(snapshot(tree)).as(description).isEqualTo(snapshot(caseDir.resolve("after")));
      String levels = expect.getProperty("levels", "").strip();
      if (!levels.isEmpty()) {
        assertThat(((ApplyResult.Applied) result).hunks().stream()
            .map(HunkReport::level).map(Enum::name).toList())
            .as(description).containsExactlyElementsOf(Arrays.stream(levels.split(","))
                .map(String::strip).toList());
      }
      for (String exe : expect.getProperty("executable", "").split(",")) {
        if (!exe.isBlank()) {
          assertThat(Files.isExecutable(tree.resolve(exe.strip()))).as(description + " " + exe)
              .isTrue();
        }
      }
    } else {
      assertThat(result).as(description).isInstanceOf(ApplyResult.Rejected.class);
      ApplyResult.Rejected rejected = (ApplyResult.Rejected) result;
      assertThat(rejected.reason().name()).as(description + " -> " + rejected.message())
          .isEqualTo(expect.getProperty("reason").strip());
      for (String part : expect.getProperty("message", "").split("\\|")) {
        if (!part.isEmpty()) {
          assertThat(rejected.message()).as(description).contains(part);
        }
      }
      assertThat(snapshot(tree)).as(description + ": the tree must be unchanged")
          .isEqualTo(before);
    }
  }

  private static EditGuard guard(String options) {
    EditGuard.Builder b = EditGuard.builder();
    for (String raw : options.split(",")) {
      String o = raw.strip();
      if (o.equals("allowBinary")) {
        b.allowBinary(true);
      } else if (o.equals("allowExecBit")) {
        b.allowExecBit(true);
      } else if (o.startsWith("maxFiles=")) {
        b.maxFiles(Integer.parseInt(o.substring(9)));
      } else if (o.startsWith("maxEditBytes=")) {
        b.maxEditBytes(Long.parseLong(o.substring(13)));
      } else if (!o.isEmpty()) {
        throw new IllegalArgumentException("unknown option " + o);
      }
    }
    return b.build();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Regular files and links below dir, as text (links as "-> target"). */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String rel = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
