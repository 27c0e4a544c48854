package dev.ratchet.eval.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.RatchetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaders, on small files in each format (test resources under {@code repo/}). */
class RepoSuitesTest {

  private static final Path RESOURCES = Path.of("src/test/resources/repo");

  @TempDir Path tmp;

  @Test
  void multiSweBench_mapsRowsToInstances_withN2pCountedAsFailToPass() throws IOException {
    Path repos = tmp.resolve("repos");
    Files.createDirectories(repos.resolve("tally-rs/tally"));

    List<RepoInstance> all = RepoSuites.multiSweBench(
        RESOURCES.resolve("multi-swe-bench-rust.jsonl"), repos);

    assertThat(all).extracting(RepoInstance::id)
        .containsExactly("tally-rs__tally-42", "tally-rs__tally-57");
    RepoInstance first = all.get(0);
    assertThat(first.suite()).isEqualTo(RepoSuites.MULTI_SWE_BENCH);
    assertThat(first.repo()).isEqualTo("tally-rs/tally");
    assertThat(first.baseCommit()).isEqualTo("3f2a9c1d7e5b4a6f8091a2b3c4d5e6f708192a3b");
    assertThat(first.problemStatement()).isEqualTo(
        "word_count ignores tabs\n\n`word_count(\"a\\tb\")` returns 1; it should be 2.");
    assertThat(first.fix()).hasValueSatisfying(p -> assertThat(p)
        .contains("+    text.split_whitespace().count()"));
    assertThat(first.testPatch()).contains("counts_words_separated_by_tabs_and_newlines");
    assertThat(first.failToPass())
        .containsExactly("tests::counts_words_separated_by_tabs_and_newlines");
    assertThat(first.passToPass()).containsExactly("tests::counts_words_separated_by_spaces",
        "tests::ignores_repeated_spaces");
    assertThat(first.repository()).isEqualTo(repos.resolve("tally-rs/tally"));

    RepoInstance second = all.get(1);
    assertThat(second.failToPass()).containsExactly("counts_lines",
        "final_line_break_starts_no_line");
    assertThat(second.problemStatement()).isEqualTo("Count lines\n\nPlease add a line counter."
        + "\n\n---\n\nTrailing newline\n\nA final newline should not count as a line.");
  }

  @Test
  void multiSweBench_findsAFlatClone_andPointsAtTheNestedPlaceWhenThereIsNone() throws IOException {
    Path flat = tmp.resolve("flat");
    Files.createDirectories(flat.resolve("tally"));

    assertThat(RepoSuites.multiSweBench(RESOURCES.resolve("multi-swe-bench-rust.jsonl"), flat))
        .allSatisfy(i -> assertThat(i.repository()).isEqualTo(flat.resolve("tally")));
    Path none = tmp.resolve("none");
    assertThat(RepoSuites.multiSweBench(RESOURCES.resolve("multi-swe-bench-rust.jsonl"), none))
        .allSatisfy(i -> assertThat(i.repository()).isEqualTo(none.resolve("tally-rs/tally")));
  }

  @Test
  void multiSweBench_fallsBackToThePullRequest_andToOrgRepoNumber() throws IOException {
    Path file = write("rows.jsonl", """
        {"org": "o", "repo": "r", "number": 7, "title": "Fix parse", "body": "It panicked.",\
         "base": {"sha": "abc123"}, "fix_patch": "", "test_patch": "t",\
         "f2p_tests": {"a::b": {}}, "p2p_tests": {}, "lang": "rust"}
        {"org": "o", "repo": "j", "number": 8, "title": "x", "body": "y", "base": {"sha": "d"},\
         "fix_patch": "", "test_patch": "t", "f2p_tests": {"t": {}}, "p2p_tests": {},\
         "lang": "java"}
        """);

    List<RepoInstance> all = RepoSuites.multiSweBench(file, tmp);

    assertThat(all).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("o__r-7");
      assertThat(i.problemStatement()).isEqualTo("Fix parse\n\nIt panicked.");
      assertThat(i.fix()).isEmpty();
      assertThat(i.passToPass()).isEmpty();
    });
  }

  @Test
  void multiSweBench_namesTheLineAndFieldThatIsMissing() throws IOException {
    Path file = write("rows.jsonl", """
        {"org": "o", "repo": "r", "number": 7, "instance_id": "o__r-7", "title": "t",\
         "base": {"sha": "abc"}, "fix_patch": "", "f2p_tests": {}, "p2p_tests": {}}
        """);

    assertThatThrownBy(() -> RepoSuites.multiSweBench(file, tmp))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("line 1 (o__r-7)")
        .hasMessageContaining("no field 'test_patch'");
  }

  @Test
  void multiSweBench_refusesABaseWithoutSha_andALineThatIsNotJson() throws IOException {
    Path noSha = write("a.jsonl", """
        {"org": "o", "repo": "r", "number": 1, "title": "t", "base": {"ref": "main"},\
         "fix_patch": "", "test_patch": "", "f2p_tests": {}, "p2p_tests": {}}
        """);
    Path broken = write("b.jsonl", "\n{\"org\": \"o\",\n");

    assertThatThrownBy(() -> RepoSuites.multiSweBench(noSha, tmp))
        .hasMessageContaining("'base' has no 'sha'");
    assertThatThrownBy(() -> RepoSuites.multiSweBench(broken, tmp))
        .hasMessageContaining("line 2 is not JSON");
  }

  @Test
  void sweBenchMultilingual_keepsRustRows_andDecodesTheTestLists() throws IOException {
    Path repos = tmp.resolve("repos");
    Files.createDirectories(repos.resolve("ripgrep"));

    List<RepoInstance> all = RepoSuites.sweBenchMultilingual(
        RESOURCES.resolve("swe-bench-multilingual.jsonl"), repos);

    assertThat(all).extracting(RepoInstance::id)
        .containsExactly("tokio-rs__tokio-9001", "BurntSushi__ripgrep-9002");
    RepoInstance tokio = all.get(0);
    assertThat(tokio.suite()).isEqualTo(RepoSuites.SWE_BENCH_MULTILINGUAL);
    assertThat(tokio.repo()).isEqualTo("tokio-rs/tokio");
    assertThat(tokio.baseCommit()).isEqualTo("0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
    assertThat(tokio.problemStatement()).startsWith("Notify::notify_waiters loses a permit");
    assertThat(tokio.fixPatch()).startsWith("diff --git a/tokio/src/sync/notify.rs");
    assertThat(tokio.testPatch()).startsWith("diff --git a/tokio/tests/sync_notify.rs");
    assertThat(tokio.failToPass())
        .containsExactly("notify_waiters_keeps_permit_of_dropped_waiter");
    assertThat(tokio.passToPass()).containsExactly("notify_one",
        "sync::notify::tests::notify_clones_waker_before_lock");
    assertThat(tokio.repository()).isEqualTo(repos.resolve("tokio-rs/tokio"));
    assertThat(all.get(1).repository()).isEqualTo(repos.resolve("ripgrep"));
    assertThat(all.get(1).passToPass()).isEmpty();
  }

  @Test
  void sweBenchMultilingual_prefersTheLanguageField_andTakesPlainLists() throws IOException {
    Path file = write("rows.jsonl", """
        {"repo": "me/parser", "instance_id": "me__parser-1", "base_commit": "abc",\
         "patch": "p", "test_patch": "t", "problem_statement": "s", "language": "Rust",\
         "FAIL_TO_PASS": ["a"], "PASS_TO_PASS": ["b"]}
        {"repo": "tokio-rs/tokio", "instance_id": "x", "base_commit": "abc", "patch": "p",\
         "test_patch": "t", "problem_statement": "s", "language": "go",\
         "FAIL_TO_PASS": "[]", "PASS_TO_PASS": "[]"}
        """);

    assertThat(RepoSuites.sweBenchMultilingual(file, tmp)).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("me__parser-1");
      assertThat(i.failToPass()).containsExactly("a");
      assertThat(i.passToPass()).containsExactly("b");
    });
  }

  @Test
  void sweBenchMultilingual_refusesAListThatIsNotEncodedJson() throws IOException {
    Path file = write("rows.jsonl", """
        {"repo": "tokio-rs/tokio", "instance_id": "tokio-rs__tokio-1", "base_commit": "abc",\
         "patch": "p", "test_patch": "t", "problem_statement": "s",\
         "FAIL_TO_PASS": "a, b", "PASS_TO_PASS": "[]"}
        """);

    assertThatThrownBy(() -> RepoSuites.sweBenchMultilingual(file, tmp))
        .hasMessageContaining("line 1 (tokio-rs__tokio-1)")
        .hasMessageContaining("'FAIL_TO_PASS' is not a JSON-encoded list");
  }

  @Test
  void jsonArray_isReadLikeJsonLines() throws IOException {
    Path file = write("rows.json", """
        [{"repo": "sharkdp/bat", "instance_id": "sharkdp__bat-1", "base_commit": "abc",
          "patch": "p", "test_patch": "t", "problem_statement": "s",
          "FAIL_TO_PASS": "[\\"x\\"]", "PASS_TO_PASS": "[]"}]
        """);

    assertThat(RepoSuites.sweBenchMultilingual(file, tmp)).extracting(RepoInstance::id)
        .containsExactly("sharkdp__bat-1");
  }

  @Test
  void folder_loadsEachTask_inNameOrder_skippingPlainFiles() {
    Path suite = RESOURCES.resolve("folder");

    List<RepoInstance> all = RepoSuites.folder(suite);

    assertThat(all).extracting(RepoInstance::id)
        .containsExactly("line-count", "word-count-whitespace");
    RepoInstance ws = all.get(1);
    assertThat(ws.suite()).isEqualTo("folder");
    assertThat(ws.repo()).isEqualTo("word-count-whitespace");
    assertThat(ws.baseCommit()).isEmpty();
    assertThat(ws.repository()).isEqualTo(suite.resolve("word-count-whitespace/repo"));
    assertThat(ws.problemStatement()).startsWith("# word_count treats tabs");
    assertThat(ws.fix()).isPresent();
    assertThat(ws.testPatch()).contains("+fn counts_words_separated_by_tabs_and_newlines()");
    assertThat(ws.failToPass())
        .containsExactly("tests::counts_words_separated_by_tabs_and_newlines");
    assertThat(ws.passToPass()).containsExactly("tests::counts_words_separated_by_spaces",
        "tests::ignores_repeated_spaces", "empty_text_has_no_words",
        "src/lib.rs - word_count (line 5)");
  }

  @Test
  void folder_baseFile_namesACommitOfTheRepositoriesDirectory() throws IOException {
    Path task = task("fix-1", "{\"fail_to_pass\": [\"tests::a\"]}");
    Files.writeString(task.resolve("base"), "tally-rs/tally 3f2a9c1\n");
    Path repos = tmp.resolve("repos");
    Files.createDirectories(repos.resolve("tally-rs/tally"));

    RepoInstance i = RepoSuites.folder(task.getParent(), repos).get(0);

    assertThat(i.repo()).isEqualTo("tally-rs/tally");
    assertThat(i.baseCommit()).isEqualTo("3f2a9c1");
    assertThat(i.repository()).isEqualTo(repos.resolve("tally-rs/tally"));
    assertThat(i.passToPass()).isEmpty();
    assertThat(i.fix()).isEmpty();

    Files.writeString(task.resolve("base"), "3f2a9c1\n");
    assertThat(RepoSuites.folder(task.getParent(), repos).get(0).repository()).isEqualTo(repos);
  }

  @Test
  void folder_gitRepo_isTheRepository_andBaseNamesOneOfItsCommits() throws IOException {
    Path task = task("in-git", "{\"fail_to_pass\": [\"tests::a\"]}");
    Path repo = RepoFixtures.gitRepo("word-count-whitespace", task.resolve("repo"));

    RepoInstance head = RepoSuites.folder(task.getParent()).get(0);
    assertThat(head.repository()).isEqualTo(repo);
    assertThat(head.baseCommit()).isEmpty();

    String commit = RepoFixtures.git(repo, "rev-parse", "HEAD");
    Files.writeString(task.resolve("base"), commit + "\n");
    assertThat(RepoSuites.folder(task.getParent()).get(0).baseCommit()).isEqualTo(commit);
  }

  @Test
  void clone_takesABareMirrorToo() throws IOException {
    Files.createDirectories(tmp.resolve("tally.git"));

    assertThat(RepoSuites.clone(tmp, "tally-rs", "tally")).isEqualTo(tmp.resolve("tally.git"));
    Files.createDirectories(tmp.resolve("tally"));
    assertThat(RepoSuites.clone(tmp, "tally-rs", "tally")).isEqualTo(tmp.resolve("tally"));
  }

  @Test
  void folder_errors_sayWhatIsMissingAndHowToFixIt() throws IOException {
    Path task = task("t", "{\"fail_to_pass\": [\"a\"]}");
    Path suite = task.getParent();

    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("neither repo/ nor a 'base' file");

    Files.writeString(task.resolve("base"), "abc123\n");
    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .hasMessageContaining("pass the repositories directory (--repos DIR)");

    Files.createDirectories(task.resolve("repo"));
    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .hasMessageContaining("repo/ is a plain folder");

    Files.delete(task.resolve("base"));
    Files.delete(task.resolve("issue.md"));
    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .hasMessageContaining("has no issue.md");

    Files.writeString(task.resolve("issue.md"), "Fix it.");
    Files.delete(task.resolve("test.patch"));
    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .hasMessageContaining("has no test.patch");

    Files.writeString(task.resolve("test.patch"), "");
    Files.delete(task.resolve("tests.json"));
    assertThatThrownBy(() -> RepoSuites.folder(suite))
        .hasMessageContaining("has no tests.json");
  }

  @Test
  void folder_testsJson_refusesUnknownKeys_andAnEmptyFailToPass() throws IOException {
    Path task = task("t", "{\"fail_to_pass\": [\"a\"], \"pass_to_passs\": [\"b\"]}");
    Files.createDirectories(task.resolve("repo"));

    assertThatThrownBy(() -> RepoSuites.folder(task.getParent()))
        .hasMessageContaining("has the key 'pass_to_passs'");

    Files.writeString(task.resolve("tests.json"), "{\"fail_to_pass\": []}");
    assertThatThrownBy(() -> RepoSuites.folder(task.getParent()))
        .hasMessageContaining("fail_to_pass is empty");

    Files.writeString(task.resolve("tests.json"), "{\"fail_to_pass\": [3]}");
    assertThatThrownBy(() -> RepoSuites.folder(task.getParent()))
        .hasMessageContaining("holds 3, not a test name");
  }

  @Test
  void folder_refusesATaskFolder_andAnEmptySuite() throws IOException {
    Path task = task("t", "{\"fail_to_pass\": [\"a\"]}");
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    assertThatThrownBy(() -> RepoSuites.folder(task)).hasMessageContaining("is a task folder");
    assertThatThrownBy(() -> RepoSuites.folder(empty)).hasMessageContaining("no task folders");
    assertThatThrownBy(() -> RepoSuites.folder(tmp.resolve("absent")))
        .hasMessageContaining("no suite folder");
  }

  private Path task(String name, String testsJson) throws IOException {
    Path task = Files.createDirectories(tmp.resolve("suite").resolve(name));
    Files.writeString(task.resolve("issue.md"), "The bug.");
    Files.writeString(task.resolve("test.patch"), "");
    Files.writeString(task.resolve("tests.json"), testsJson);
    return task;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }
}
