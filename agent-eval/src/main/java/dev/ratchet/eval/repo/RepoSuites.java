package dev.ratchet.eval.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ratchet.RatchetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads repository suites: Multi-SWE-bench's Rust rows, SWE-bench Multilingual's Rust rows, and
 * Ratchet's own folder format for small tasks. A file or field that is missing or malformed is a
 * {@link RatchetException} naming the file, the line and the field.
 *
 * <h2>Where the repositories are</h2>
 *
 * No network is used: every instance clones from a local repository the user provides. For the
 * two JSONL suites, {@code reposDir} holds one clone per repository, as {@code
 * reposDir/org/repo} or {@code reposDir/repo}, either of them perhaps a bare mirror ending in
 * {@code .git} (the first that exists, in that order; when none does, the instance points at
 * {@code reposDir/org/repo} and running it says to clone there). A clone is only read: each run
 * works on a private {@code git clone --shared} of it, so the clone must hold the base commits.
 *
 * <h2>Ratchet's folder format</h2>
 *
 * A suite is a directory with one folder per task (hidden folders and plain files, such as a
 * README, are skipped; tasks load in name order). The folder's name is the instance id and the
 * suite's name is the directory's name. A task folder holds:
 *
 * <ul>
 *   <li>{@code issue.md} (required): the problem statement, shown to the model as it is;
 *   <li>{@code repo/}: the code, either a git repository (the base is its {@code HEAD}, or the
 *       commit a {@code base} file names) or a plain folder of files (imported as one commit);
 *   <li>{@code base} (with a git {@code repo/}, or instead of {@code repo/}): one line, a commit
 *       id ({@code 3f2a9c1...}), optionally preceded by a repository name and a space ({@code
 *       tokio-rs/tokio 3f2a9c1...}). Without {@code repo/}, the commit is looked up in the
 *       repository {@code reposDir/NAME} (found like the JSONL suites' clones), or, when no name
 *       is given, in {@code reposDir} itself;
 *   <li>{@code test.patch} (required, may be empty): a unified diff (git format, paths relative
 *       to the repository root) adding or changing the judging tests; the model never sees it;
 *   <li>{@code gold.patch} (optional): the reference fix, for {@code --model gold};
 *   <li>{@code tests.json} (required): {@code {"fail_to_pass": [...], "pass_to_pass": [...]}},
 *       test names as libtest prints them ({@code tests::parses_empty}); {@code fail_to_pass}
 *       must name at least one test, {@code pass_to_pass} may be left out; other keys are
 *       refused (a typo would silently judge nothing).
 * </ul>
 */
public final class RepoSuites {

  /** The suite name of Multi-SWE-bench's Rust rows. */
  public static final String MULTI_SWE_BENCH = "multi-swe-bench-rs";

  /** The suite name of SWE-bench Multilingual's Rust rows. */
  public static final String SWE_BENCH_MULTILINGUAL = "swe-bench-ml-rs";

  /**
   * The Rust repositories of SWE-bench Multilingual, which tell its Rust rows apart when a file
   * has no language field (compared without case).
   */
  public static final Set<String> SWE_BENCH_MULTILINGUAL_RUST_REPOS = Set.of("tokio-rs/tokio",
      "tokio-rs/axum", "burntsushi/ripgrep", "sharkdp/bat", "astral-sh/ruff", "nushell/nushell",
      "uutils/coreutils");

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TESTS_JSON_KEYS = Set.of("fail_to_pass", "pass_to_pass");

  private RepoSuites() {}

  /**
   * Multi-SWE-bench rows (JSONL, or a JSON array). Rows with a {@code lang} or {@code language}
   * field other than Rust are skipped; the data set's files are split by language and carry no
   * such field, so every row of its Rust files is taken. Mapping: id = {@code instance_id} (else {@code org__repo-number}); base = {@code
   * base.sha}; problem statement = the {@code resolved_issues} (title and body; the pull
   * request's {@code title} and {@code body} only when there are none); gold = {@code
   * fix_patch}; FAIL_TO_PASS = keys of {@code f2p_tests} then of {@code n2p_tests} (the
   * reference harness files tests whose test patch did not compile as "none to pass");
   * PASS_TO_PASS = keys of {@code p2p_tests}. Ignored: {@code number}, {@code s2p_tests}, {@code
   * fixed_tests}, the recorded run results, and any other field.
   */
  public static List<RepoInstance> multiSweBench(Path jsonl, Path reposDir) {
    List<RepoInstance> out = new ArrayList<>();
    for (Row row : rows(jsonl)) {
      if (!rust(row)) {
        continue;
      }
      String org = row.text("org");
      String name = row.text("repo");
      String id = row.node().hasNonNull("instance_id") ? row.text("instance_id")
          : org + "__" + name + "-" + row.require("number").asText();
      JsonNode base = row.require("base");
      if (!base.isObject() || !base.hasNonNull("sha") || base.get("sha").asText().isBlank()) {
        throw row.error("field 'base' has no 'sha' (the base commit)");
      }
      List<String> f2p = new ArrayList<>(row.keys("f2p_tests", true));
      for (String n2p : row.keys("n2p_tests", false)) {
        if (!f2p.contains(n2p)) {
          f2p.add(n2p);
        }
      }
      out.add(row.instance(MULTI_SWE_BENCH, id, issueText(row), org + "/" + name,
          base.get("sha").asText().strip(), row.text("fix_patch"), row.text("test_patch"), f2p,
          row.keys("p2p_tests", true), clone(reposDir, org, name)));
    }
    return List.copyOf(out);
  }

  /**
   * SWE-bench Multilingual rows (JSONL, or a JSON array), Rust only: by the {@code language} (or
   * {@code lang}) field when the rows have one, else by {@link
   * #SWE_BENCH_MULTILINGUAL_RUST_REPOS}. Mapping: {@code instance_id}, {@code repo}, {@code
   * base_commit}, {@code patch} (gold), {@code test_patch}, {@code problem_statement}; {@code
   * FAIL_TO_PASS} and {@code PASS_TO_PASS} are JSON-encoded lists of names (a plain JSON list is
   * taken too). Ignored: {@code hints_text}, {@code created_at}, {@code version}, {@code
   * environment_setup_commit} and any other field.
   */
  public static List<RepoInstance> sweBenchMultilingual(Path jsonl, Path reposDir) {
    List<RepoInstance> out = new ArrayList<>();
    for (Row row : rows(jsonl)) {
      String repo = row.text("repo");
      boolean rust = row.language().map(RepoSuites::isRust)
          .orElseGet(() -> SWE_BENCH_MULTILINGUAL_RUST_REPOS.contains(
              repo.toLowerCase(Locale.ROOT)));
      if (!rust) {
        continue;
      }
      int slash = repo.indexOf('/');
      if (slash <= 0 || slash == repo.length() - 1) {
        throw row.error("field 'repo' is '" + repo + "'; expected owner/name");
      }
      out.add(row.instance(SWE_BENCH_MULTILINGUAL, row.text("instance_id"),
          row.text("problem_statement"), repo, row.text("base_commit").strip(),
          row.text("patch"), row.text("test_patch"), row.encodedList("FAIL_TO_PASS"),
          row.encodedList("PASS_TO_PASS"),
          clone(reposDir, repo.substring(0, slash), repo.substring(slash + 1))));
    }
    return List.copyOf(out);
  }

  /**
   * A suite in Ratchet's folder format (see the class comment); tasks with a {@code base} file
   * and no {@code repo/} cannot be loaded this way (use {@link #folder(Path, Path)}).
   */
  public static List<RepoInstance> folder(Path dir) {
    return loadFolder(dir, Optional.empty());
  }

  /** A suite in Ratchet's folder format whose {@code base} files name commits of reposDir. */
  public static List<RepoInstance> folder(Path dir, Path reposDir) {
    return loadFolder(dir, Optional.of(Objects.requireNonNull(reposDir, "reposDir")));
  }

  private static List<RepoInstance> loadFolder(Path dir, Optional<Path> reposDir) {
    if (!Files.isDirectory(dir)) {
      throw new RatchetException("no suite folder at " + dir + ": pass a directory with one"
          + " folder per task");
    }
    if (Files.exists(dir.resolve("issue.md"))) {
      throw new RatchetException(dir + " is a task folder (it holds issue.md), not a suite:"
          + " pass the directory that holds it");
    }
    String suite = dir.toAbsolutePath().normalize().getFileName().toString();
    List<Path> tasks;
    try (Stream<Path> entries = Files.list(dir)) {
      tasks = entries
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (tasks.isEmpty()) {
      throw new RatchetException("the suite " + dir + " has no task folders: each task is a"
          + " folder with issue.md, repo/ (or base), test.patch and tests.json");
    }
    List<RepoInstance> out = new ArrayList<>();
    for (Path task : tasks) {
      out.add(task(suite, task, reposDir));
    }
    return List.copyOf(out);
  }

  private static RepoInstance task(String suite, Path task, Optional<Path> repos) {
    String id = task.getFileName().toString();
    String issue = read(task, "issue.md", true);
    if (issue.isBlank()) {
      throw new RatchetException(task.resolve("issue.md") + " is empty: write the issue the"
          + " model should fix");
    }
    String testPatch = read(task, "test.patch", true);
    String gold = Files.exists(task.resolve("gold.patch")) ? read(task, "gold.patch", true) : "";
    Path testsJson = task.resolve("tests.json");
    JsonNode tests = readJson(testsJson);
    if (!tests.isObject()) {
      throw new RatchetException(testsJson + " must be an object {\"fail_to_pass\": [...],"
          + " \"pass_to_pass\": [...]}");
    }
    for (Iterator<String> keys = tests.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!TESTS_JSON_KEYS.contains(key)) {
        throw new RatchetException(testsJson + " has the key '" + key + "'; the keys are"
            + " fail_to_pass and pass_to_pass");
      }
    }
    List<String> f2p = names(tests, "fail_to_pass", testsJson, true);
    if (f2p.isEmpty()) {
      throw new RatchetException(testsJson + ": fail_to_pass is empty; name at least one test"
          + " that the fix makes pass");
    }
    List<String> p2p = names(tests, "pass_to_pass", testsJson, false);

    Path repoDir = task.resolve("repo");
    boolean hasRepo = Files.isDirectory(repoDir);
    boolean gitRepo = hasRepo && GitCli.isRepository(repoDir);
    String repoName = id;
    String commit = "";
    Path repository = repoDir;
    if (Files.exists(task.resolve("base"))) {
      String line = read(task, "base", true).strip();
      String[] parts = line.split("\\s+");
      if (line.isEmpty() || parts.length > 2) {
        throw new RatchetException(task.resolve("base") + " must hold one line: a commit id,"
            + " optionally preceded by a repository name and a space");
      }
      commit = parts[parts.length - 1];
      if (hasRepo && !gitRepo) {
        throw new RatchetException(task + ": repo/ is a plain folder, so the commit in 'base'"
            + " cannot be found in it; make repo/ a git repository or remove repo/");
      }
      if (!hasRepo) {
        if (repos.isEmpty()) {
          throw new RatchetException(task + " has a 'base' file and no repo/: pass the"
              + " repositories directory (--repos DIR) that holds its commit");
        }
        Path reposDir = repos.get();
        if (parts.length == 2) {
          repoName = parts[0];
          int slash = repoName.indexOf('/');
          repository = slash > 0
              ? clone(reposDir, repoName.substring(0, slash), repoName.substring(slash + 1))
              : reposDir.resolve(repoName);
        } else {
          repository = reposDir;
        }
      } else if (parts.length == 2) {
        repoName = parts[0];
      }
    } else if (!hasRepo) {
      throw new RatchetException(task + " has neither repo/ nor a 'base' file: add the code as"
          + " repo/ (a git repository or a plain folder), or a 'base' file naming a commit");
    }
    try {
      return new RepoInstance(suite, id, issue, repoName, commit, gold, testPatch, f2p, p2p,
          repository);
    } catch (IllegalArgumentException e) {
      throw new RatchetException(task + ": " + e.getMessage(), e);
    }
  }

  /**
   * The clone of org/name under reposDir: the first of {@code org/name}, {@code name}, {@code
   * org/name.git} and {@code name.git} that is a directory; {@code org/name} when none is.
   */
  static Path clone(Path reposDir, String org, String name) {
    List<Path> candidates = List.of(reposDir.resolve(org).resolve(name), reposDir.resolve(name),
        reposDir.resolve(org).resolve(name + ".git"), reposDir.resolve(name + ".git"));
    return candidates.stream().filter(Files::isDirectory).findFirst()
        .orElse(candidates.get(0));
  }

  private static String issueText(Row row) {
    JsonNode issues = row.node().get("resolved_issues");
    List<String> parts = new ArrayList<>();
    if (issues != null && issues.isArray()) {
      for (JsonNode issue : issues) {
        String text = (issue.path("title").asText("").strip() + "\n\n"
            + issue.path("body").asText("").strip()).strip();
        if (!text.isEmpty()) {
          parts.add(text);
        }
      }
    }
    if (parts.isEmpty()) {
      String text = (row.node().path("title").asText("").strip() + "\n\n"
          + row.node().path("body").asText("").strip()).strip();
      if (text.isEmpty()) {
        throw row.error("has neither resolved_issues nor a title or body: there is no issue text"
            + " to show the model");
      }
      return text;
    }
    return String.join("\n\n---\n\n", parts);
  }

  private static boolean rust(Row row) {
    return row.language().map(RepoSuites::isRust).orElse(true);
  }

  private static boolean isRust(String language) {
    String l = language.strip().toLowerCase(Locale.ROOT);
    return l.equals("rust") || l.equals("rs");
  }

  private static List<String> names(JsonNode tests, String key, Path file, boolean required) {
    JsonNode list = tests.get(key);
    if (list == null || list.isNull()) {
      if (required) {
        throw new RatchetException(file + " has no '" + key + "' list");
      }
      return List.of();
    }
    if (!list.isArray()) {
      throw new RatchetException(file + ": '" + key + "' must be a list of test names");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new RatchetException(file + ": '" + key + "' holds " + n + ", not a test name");
      }
      out.add(n.asText());
    }
    return out;
  }

  private static String read(Path dir, String name, boolean required) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new RatchetException(dir + " has no " + name + missingHint(name));
      }
      return "";
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String missingHint(String name) {
    return switch (name) {
      case "issue.md" -> ": write the issue text the model is given";
      case "test.patch" -> ": add the diff that adds the judging tests (an empty file when the"
          + " tests exist already)";
      default -> "";
    };
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RatchetException(file.getParent() + " has no tests.json: write"
          + " {\"fail_to_pass\": [...], \"pass_to_pass\": [...]}");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new RatchetException(file + " is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The rows of a JSONL file (or of a JSON array), each with its line number. */
  private static List<Row> rows(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RatchetException("no data file at " + file);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Row> rows = new ArrayList<>();
    String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    if (first.startsWith("[")) {
      try {
        JsonNode array = JSON.readTree(file.toFile());
        int i = 0;
        for (JsonNode node : array) {
          i++;
          rows.add(new Row(file, "row " + i, requireObject(node, file, "row " + i)));
        }
      } catch (JsonProcessingException e) {
        throw new RatchetException(file + " is not a JSON array of rows: "
            + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      return rows;
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      try {
        rows.add(new Row(file, where, requireObject(JSON.readTree(line), file, where)));
      } catch (JsonProcessingException e) {
        throw new RatchetException(file + " " + where + " is not JSON: "
            + e.getOriginalMessage(), e);
      }
    }
    return rows;
  }

  private static JsonNode requireObject(JsonNode node, Path file, String where) {
    if (!node.isObject()) {
      throw new RatchetException(file + " " + where + " is not a JSON object");
    }
    return node;
  }

  /** One row and where it came from, with typed field access that names what is missing. */
  private record Row(Path file, String where, JsonNode node) {

    RatchetException error(String what) {
      String id = node.path("instance_id").asText("");
      return new RatchetException(file + " " + where + (id.isEmpty() ? "" : " (" + id + ")")
          + ": " + what);
    }

    JsonNode require(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw error("no field '" + field + "'");
      }
      return value;
    }

    String text(String field) {
      JsonNode value = require(field);
      if (!value.isValueNode()) {
        throw error("field '" + field + "' is not text");
      }
      return value.asText();
    }

    Optional<String> language() {
      for (String field : List.of("language", "lang")) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
          return Optional.of(value.asText());
        }
      }
      return Optional.empty();
    }

    /** The keys of a map of tests; an absent optional map is empty. */
    List<String> keys(String field, boolean required) {
      JsonNode map = node.get(field);
      if (map == null || map.isNull()) {
        if (required) {
          throw error("no field '" + field + "'");
        }
        return List.of();
      }
      if (!map.isObject()) {
        throw error("field '" + field + "' is not a map from test names to results");
      }
      List<String> keys = new ArrayList<>();
      map.fieldNames().forEachRemaining(keys::add);
      return keys;
    }

    /** A list of names stored as a JSON-encoded string (or as a plain list). */
    List<String> encodedList(String field) {
      JsonNode value = require(field);
      JsonNode list = value;
      if (value.isTextual()) {
        try {
          list = JSON.readTree(value.asText());
        } catch (JsonProcessingException e) {
          throw error("field '" + field + "' is not a JSON-encoded list: "
              + e.getOriginalMessage());
        }
      }
      if (list == null || !list.isArray()) {
        throw error("field '" + field + "' is not a list of test names");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode n : list) {
        if (!n.isTextual() || n.asText().isBlank()) {
          throw error("field '" + field + "' holds " + n + ", not a test name");
        }
        out.add(n.asText());
      }
      return out;
    }

    RepoInstance instance(String suite, String id, String problem, String repo, String base,
        String fix, String tests, List<String> f2p, List<String> p2p, Path repository) {
      try {
        return new RepoInstance(suite, id, problem, repo, base, fix, tests, f2p, p2p,
            repository);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw error(e.getMessage());
      }
    }
  }
}
