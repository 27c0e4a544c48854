package dev.ratchet.eval.repo;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One repository task: an issue in a real crate, the commit it was filed against, the tests that
 * judge a fix, and where the repository is on this machine.
 *
 * <p>The model sees {@link #problemStatement} and the repository at {@link #baseCommit}, never the
 * test patch. Test names are as libtest prints them ({@code tests::parses_empty}, or an integration
 * test's bare {@code fn} name); see {@link RepoInstanceRunner} for how they are matched.
 *
 * @param suite the suite, such as {@code multi-swe-bench-rs}, {@code swe-bench-ml-rs} or a folder
 *     suite's name
 * @param id the instance id, unique within the suite (such as {@code tokio-rs__tokio-6742})
 * @param problemStatement the issue text shown to the model
 * @param repo the repository's name ({@code org/name}, or a folder task's name)
 * @param baseCommit the commit to start from; empty for the repository's {@code HEAD} (or, when
 *     {@code repository} is a plain folder, its files as they are)
 * @param fixPatch the data set's reference fix as a unified diff; empty when there is none
 * @param testPatch the unified diff that adds or changes the judging tests; applied after the
 *     answer; empty when the named tests already exist
 * @param failToPass tests that must pass with the fix (and fail without it)
 * @param passToPass tests that must keep passing
 * @param repository the local directory to clone from: a git repository, or a plain folder of code
 */
public record RepoInstance(String suite, String id, String problemStatement, String repo,
    String baseCommit, String fixPatch, String testPatch, List<String> failToPass,
    List<String> passToPass, Path repository) {

  /** Validates and copies; test names are kept in order, each once. */
  public RepoInstance {
    requireText(suite, "suite");
    requireText(id, "id");
    Objects.requireNonNull(problemStatement, "problemStatement");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(baseCommit, "baseCommit");
    if (!baseCommit.isEmpty() && !baseCommit.matches("[0-9A-Za-z._/@^~-]{1,200}")) {
      throw new IllegalArgumentException("instance " + id + ": base commit '" + baseCommit
          + "' is not a commit id or ref name");
    }
    Objects.requireNonNull(fixPatch, "fixPatch");
    Objects.requireNonNull(testPatch, "testPatch");
    failToPass = names(failToPass, id, "failToPass");
    passToPass = names(passToPass, id, "passToPass");
    Objects.requireNonNull(repository, "repository");
  }

  /** The reference fix, when the data set has one. */
  public Optional<String> fix() {
    return fixPatch.isBlank() ? Optional.empty() : Optional.of(fixPatch);
  }

  /** A copy that clones from another directory (for moving a suite to other clones). */
  public RepoInstance withRepository(Path directory) {
    return new RepoInstance(suite, id, problemStatement, repo, baseCommit, fixPatch, testPatch,
        failToPass, passToPass, directory);
  }

  /** A copy with another test patch (for checking a harness with a variant of a task). */
  public RepoInstance withTestPatch(String patch) {
    return new RepoInstance(suite, id, problemStatement, repo, baseCommit, fixPatch, patch,
        failToPass, passToPass, repository);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static List<String> names(List<String> names, String id, String what) {
    Objects.requireNonNull(names, what);
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String name : names) {
      Objects.requireNonNull(name, what + " holds null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("instance " + id + ": " + what
            + " holds a blank test name");
      }
      unique.add(name.strip());
    }
    return List.copyOf(unique);
  }
}
