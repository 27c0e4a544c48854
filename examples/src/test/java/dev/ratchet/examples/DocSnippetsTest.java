package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code in the docs is code that compiles. Every {@code ```java} block in {@code docs/} and
 * the root README is preceded by {@code <!-- snippet: PATH#NAME -->}, and equals the lines between
 * {@code // snippet:NAME} and {@code // end-snippet:NAME} in PATH (relative to the repository
 * root, a file under some {@code src/}), less their common indentation. Edit the source; then
 * copy the region into the doc.
 */
class DocSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

  @Test
  void everyJavaBlockInTheDocs_isARegionOfCompiledCode() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals("```java")) {
          continue;
        }
        String where = ROOT.relativize(doc) + ":" + (i + 1);
        Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
        if (marker == null || !marker.matches()) {
          problems.add(where + ": a java block without <!-- snippet: PATH#NAME --> above it");
          continue;
        }
        List<String> block = new ArrayList<>();
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).strip().equals("```")) {
          block.add(lines.get(j++));
        }
        String problem = compare(marker.group(1), marker.group(2), block);
        if (!problem.isEmpty()) {
          problems.add(where + ": " + problem);
        }
        checked++;
        i = j;
      }
    }
    assertThat(problems).as("doc snippets out of step with the code").isEmpty();
    assertThat(checked).as("java snippets checked").isGreaterThan(0);
  }

  private static String compare(String path, String name, List<String> block)
      throws IOException {
    Path source = ROOT.resolve(path).normalize();
    if (!source.startsWith(ROOT) || !path.contains("src/") || !Files.isRegularFile(source)) {
      return "no source file " + path + " under some src/";
    }
    List<String> lines = Files.readAllLines(source);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals("// snippet:" + name)) {
        start = i + 1;
      } else if (l.equals("// end-snippet:" + name)) {
        end = i;
      }
    }
    if (start < 0 || end < start) {
      return path + " has no region // snippet:" + name + " ... // end-snippet:" + name;
    }
    List<String> region = dedent(lines.subList(start, end));
    if (!region.equals(dedent(block))) {
      return "differs from " + path + "#" + name + "; it should read:\n"
          + String.join("\n", region);
    }
    return "";
  }

  private static List<String> dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
        .toList();
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }
}
