package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.action.Edit;
import dev.ratchet.action.RunCommand;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.git.TestRepos;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.sandbox.Approver;
import dev.ratchet.sandbox.CommandPolicy;
import dev.ratchet.sandbox.CommandVerdict;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.testkit.FakeSandbox;
import dev.ratchet.testkit.ScriptedModelClient;
import dev.ratchet.transcript.TranscriptReader;
import dev.ratchet.transcript.TranscriptWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command path of the loop: each verdict, the approver, and the write-back of tree writes. */
class AgentLoopCommandTest {
  static final RunCommand FMT = RunCommand.of("cargo", "fmt");

  @TempDir Path dir;
  final List<LoopEvent> events = new ArrayList<>();
  final List<Path> mounted = new ArrayList<>();

  GitWorkspace workspace() {
    Path repo = TestRepos.create(dir.resolve("repo"), Map.of(
        "src/lib.rs", AgentLoopTest.LIB, "src/old.rs", "fn old() {}\n",
        "Cargo.toml", "[package]\nname = \"demo\"\n"));
    return GitWorkspace.builder(repo).runId("t").open();
  }

  /** A first reply with the action, then the fix, so every run ends accepted. */
  static ScriptedModelClient model(RunCommand command) {
    return ScriptedModelClient.inOrder(ModelReply.of(command),
        ModelReply.of(Edit.patch(AgentLoopTest.FIX)));
  }

  AgentLoop.Builder loop(GitWorkspace ws, ScriptedModelClient model) {
    return AgentLoop.builder().model(model).workspace(ws).gate(AgentLoopTest.answerGate())
        .listener(LoopListener.of(events::add)).sleeper(d -> { });
  }

  /** A sandbox that acts on the mounted directory as a command would, then exits 0. */
  FakeSandbox acting(Consumer<Path> onTree) {
    return FakeSandbox.answering(spec -> {
      Path host = spec.mounts().get(0).hostPath();
      mounted.add(host);
      onTree.accept(host);
      return ExecResult.of(0, "ran " + String.join(" ", spec.argv()) + "\n", "", Duration.ZERO);
    });
  }

  static CommandPolicy always(CommandVerdict verdict) {
    return argv -> verdict;
  }

  static ActionOutcome first(LoopResult result) {
    return result.iterations().get(0).outcomes().get(0);
  }

  static void write(Path root, String rel, String text) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void run_refusesEveryCommand_whenNoPolicyIsConfigured() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "test"))).sandbox(sandbox).build()
          .run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(first(result).feedback()).contains("no command policy is configured");
      assertThat(sandbox.specs()).isEmpty();
    }
  }

  @Test
  void deny_refusesWithThePolicysReason_andRunsNothing() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "install", "x")))
          .sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.deny("cargo install is not allowed; use the"
              + " installed tools")))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(first(result).feedback())
          .isEqualTo("[\"cargo\", \"install\", \"x\"] was refused: cargo install is not"
              + " allowed; use the installed tools");
      assertThat(sandbox.specs()).isEmpty();
    }
  }

  @Test
  void needsApproval_refuses_whenTheApproverDeclines() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    List<String> asked = new ArrayList<>();
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "clean"))).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.needsApproval("it deletes the build cache", false)))
          .approver((argv, reason) -> {
            asked.add(argv + ": " + reason);
            return false;
          })
          .build().run(Task.of("fix", "x"));

      assertThat(asked).containsExactly("[cargo, clean]: it deletes the build cache");
      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(first(result).feedback())
          .startsWith("the operator declined: it deletes the build cache");
      assertThat(sandbox.specs()).isEmpty();
    }
  }

  @Test
  void needsApproval_refuses_whenNoApproverIsConfigured() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "clean"))).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.needsApproval("it deletes the build cache", false)))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).feedback()).startsWith("the operator declined");
      assertThat(sandbox.specs()).isEmpty();
    }
  }

  @Test
  void needsApproval_runs_whenTheApproverAgrees() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "cleaned\n");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "clean"))).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.needsApproval("it deletes the build cache", false)))
          .approver((argv, reason) -> true)
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.ANSWERED);
      assertThat(first(result).feedback()).isEqualTo("exit 0\ncleaned\n");
      assertThat(sandbox.specs()).hasSize(1);
    }
  }

  @Test
  void failingPolicyOrApprover_refuses() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("ls"))).sandbox(sandbox)
          .commandPolicy(argv -> {
            throw new IllegalStateException("policy bug");
          })
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(first(result).feedback()).contains("could not judge", "policy bug");
    }
    try (GitWorkspace ws = GitWorkspace.builder(dir.resolve("repo")).runId("t2").open()) {
      LoopResult result = loop(ws, model(RunCommand.of("ls"))).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.needsApproval("unusual", false)))
          .approver((argv, reason) -> {
            throw new IllegalStateException("no console");
          })
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(first(result).feedback()).startsWith("the operator declined: unusual");
    }
    assertThat(sandbox.specs()).isEmpty();
  }

  @Test
  void allowReadOnly_runsOnTheWorkTreeMountedReadOnly() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "test result: ok\n");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(RunCommand.of("cargo", "test"))).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allow()))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.ANSWERED);
      assertThat(first(result).feedback()).isEqualTo("exit 0\ntest result: ok\n");
      ExecSpec spec = sandbox.specs().get(0);
      assertThat(spec.argv()).containsExactly("cargo", "test");
      assertThat(spec.workdir()).isEqualTo("/workspace");
      assertThat(spec.mounts()).containsExactly(Mount.readOnly(ws.root(), "/workspace"));
      assertThat(result.iterations().get(0).changedTree()).isFalse();
    }
  }

  @Test
  void allowWritesTree_bringsChangesBack_asOneEditThatIsCommittedAndGated() throws Exception {
    FakeSandbox sandbox = acting(tree -> {
      write(tree, "src/lib.rs", AgentLoopTest.LIB.replace("41", "42"));
      write(tree, "src/fmt.rs", "// formatted\n");
      try {
        Files.delete(tree.resolve("src/old.rs"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Path transcript = dir.resolve("run.jsonl");
    try (GitWorkspace ws = workspace();
        TranscriptWriter writer = TranscriptWriter.open(transcript)) {
      ScriptedModelClient model = model(FMT);
      LoopResult result = loop(ws, model).sandbox(sandbox).listener(writer)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      assertThat(TranscriptReader.read(transcript).result()).contains(result);
      ActionOutcome outcome = first(result);
      assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.APPLIED);
      assertThat(outcome.feedback()).startsWith("exit 0\nran cargo fmt\n")
          .contains("Its changes were written to the tree: src/fmt.rs (created), src/lib.rs"
              + " (modified), src/old.rs (deleted).")
          .doesNotContain("Note:");
      ExecSpec spec = sandbox.specs().get(0);
      Mount mount = spec.mounts().get(0);
      assertThat(mount.readOnly()).isFalse();
      assertThat(mount.containerPath()).isEqualTo("/workspace");
      assertThat(mount.hostPath()).isNotEqualTo(ws.root());
      assertThat(Files.exists(mount.hostPath(), LinkOption.NOFOLLOW_LINKS))
          .as("the scratch copy is deleted").isFalse();
      assertThat(events).anyMatch(e -> e instanceof LoopEvent.EditApplied a
          && a.iteration() == 1 && a.edit() instanceof Edit.Patch);
      assertThat(events).anyMatch(e -> e instanceof LoopEvent.Committed c && c.iteration() == 1);
      assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.ACCEPTED);
      assertThat(result.iterations()).hasSize(1);
      assertThat(result.diff()).contains("+    42", "src/fmt.rs", "src/old.rs");
      assertThat(dir.resolve("repo/src/lib.rs")).hasContent(AgentLoopTest.LIB.replace("41", "42")
          .strip());
      assertThat(dir.resolve("repo/src/old.rs")).doesNotExist();
    }
  }

  @Test
  void allowWritesTree_rejectsProtectedPaths_likeAModelEdit() throws Exception {
    FakeSandbox sandbox = acting(tree -> {
      write(tree, "src/lib.rs", AgentLoopTest.LIB.replace("41", "42"));
      write(tree, ".cargo/config.toml", "[target.x86_64-unknown-linux-gnu]\nrunner = \"true\"\n");
    });
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient model = model(FMT);
      LoopResult result = loop(ws, model).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      ActionOutcome outcome = first(result);
      assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.REJECTED);
      assertThat(outcome.feedback()).contains("were not brought back", "PROTECTED_PATH",
          ".cargo/config.toml", "The tree is unchanged.");
      assertThat(result.iterations().get(0).checkpoint()).isEqualTo(ws.base());
      assertThat(result.iterations().get(0).gates()).isEmpty();
      assertThat(events).anyMatch(e -> e instanceof LoopEvent.EditRejected r
          && r.iteration() == 1);
      assertThat(model.requests().get(1).feedback()).contains("rejected:", ".cargo/config.toml");
      assertThat(ws.root().resolve(".cargo")).doesNotExist();
      assertThat(result.accepted()).isTrue(); // by the model's own fix afterwards
    }
  }

  @Test
  void allowWritesTree_skipsSymlinksAndFifos_theCommandPlanted() throws Exception {
    FakeSandbox sandbox = acting(tree -> {
      write(tree, "src/lib.rs", AgentLoopTest.LIB.replace("41", "42"));
      try {
        Files.createSymbolicLink(tree.resolve("src/passwd"), Path.of("/etc/passwd"));
        Files.delete(tree.resolve("Cargo.toml"));
        Files.createSymbolicLink(tree.resolve("Cargo.toml"), Path.of("/etc/hostname"));
        new ProcessBuilder("mkfifo", tree.resolve("pipe").toString()).start().waitFor();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(FMT)).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      ActionOutcome outcome = first(result);
      assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.APPLIED);
      assertThat(outcome.feedback()).contains("src/lib.rs (modified)",
          "Not brought back (only regular files are): ", "Cargo.toml (a symbolic link)",
          "src/passwd (a symbolic link)");
      assertThat(Files.exists(ws.root().resolve("src/passwd"), LinkOption.NOFOLLOW_LINKS))
          .isFalse();
      assertThat(Files.isSymbolicLink(ws.root().resolve("Cargo.toml"))).isFalse();
      assertThat(ws.root().resolve("Cargo.toml")).hasContent("[package]\nname = \"demo\"");
      assertThat(Files.exists(ws.root().resolve("pipe"), LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(Files.exists(mounted.get(0), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
  }

  @Test
  void allowWritesTree_rejectsOversizedFiles_andCleansUpLockedDirectories() throws Exception {
    FakeSandbox sandbox = acting(tree -> {
      try {
        Files.write(tree.resolve("huge.txt"), new byte[(int) ScratchTree.MAX_FILE_BYTES + 1]);
        write(tree, "locked/inner/x.txt", "x");
        Files.setPosixFilePermissions(tree.resolve("locked/inner"), Set.of());
        Files.setPosixFilePermissions(tree.resolve("locked"), Set.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(FMT)).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      ActionOutcome outcome = first(result);
      assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.REJECTED);
      assertThat(outcome.feedback()).contains("huge.txt is 8388609 bytes",
          "over 8 MiB are not brought back", "The tree is unchanged.");
      assertThat(ws.root().resolve("huge.txt")).doesNotExist();
      assertThat(Files.exists(mounted.get(0), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
  }

  @Test
  void allowWritesTree_saysSo_whenNothingChanged() {
    FakeSandbox sandbox = acting(tree -> { });
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(FMT)).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.ANSWERED);
      assertThat(first(result).feedback()).endsWith("It changed no files.");
      assertThat(result.iterations().get(0).changedTree()).isFalse();
    }
  }

  @Test
  void allowWritesTree_bringsNothingBack_whenALimitStoppedTheCommand() {
    FakeSandbox sandbox = FakeSandbox.answering(spec -> {
      write(spec.mounts().get(0).hostPath(), "src/lib.rs", "half");
      return new ExecResult(137, "", "", Duration.ofMinutes(2), Set.of(ExecResult.Limit.TIME),
          0);
    });
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient model = model(FMT);
      LoopResult result = loop(ws, model).sandbox(sandbox)
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.ANSWERED);
      assertThat(first(result).feedback()).containsPattern("stopped by the time limit \\(\\d+ s\\)")
          .contains("not brought back");
      assertThat(result.iterations().get(0).changedTree()).isFalse();
      assertThat(result.iterations().get(0).checkpoint()).isEqualTo(ws.base());
      assertThat(model.requests().get(1).feedback()).contains("not brought back");
    }
  }

  @Test
  void allowWritesTree_fails_whenTheSandboxIsUnavailable() {
    try (GitWorkspace ws = workspace()) {
      LoopResult result = loop(ws, model(FMT)).sandbox(FakeSandbox.unavailable())
          .commandPolicy(always(CommandVerdict.allowWritingTree()))
          .build().run(Task.of("fix", "x"));

      assertThat(first(result).status()).isEqualTo(ActionOutcome.Status.FAILED);
      assertThat(first(result).feedback()).contains("the sandbox could not run it");
    }
  }

  @Test
  void builder_refusesCommandPolicyAndApproverSetTwice() {
    assertThatThrownBy(() -> AgentLoop.builder().commandPolicy(CommandPolicy.denyAll())
        .commandPolicy(CommandPolicy.denyAll()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("commandPolicy is already set");
    assertThatThrownBy(() -> AgentLoop.builder().approver(Approver.denyAll())
        .approver(Approver.denyAll()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("approver is already set");
  }
}
