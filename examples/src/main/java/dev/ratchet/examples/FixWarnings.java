package dev.ratchet.examples;

import dev.ratchet.engine.AgentLoop;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.policy.Budget;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.RustImage;
import dev.ratchet.rust.SuggestionProposer;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.transcript.TranscriptWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Example 1: fix a crate's compiler and Clippy warnings with the embedded proposer, which applies
 * rustc's and Clippy's machine-applicable suggestions, no model needed; the same loop as {@code
 * ratchet run --repo DIR}. Each step is committed on a scratch branch and judged by fmt, Clippy
 * and the tests in the Docker sandbox; when all pass, the repository's branch is fast-forwarded.
 *
 * <pre>{@code
 * java -cp examples/target/classes:$(cat cp.txt) dev.ratchet.examples.FixWarnings my-crate
 * }</pre>
 */
public final class FixWarnings {
  private FixWarnings() {}

  /** Runs the loop on the git repository {@code args[0]} and prints the outcome. */
  public static void main(String... args) {
    LoopResult result = run(Path.of(args.length > 0 ? args[0] : "."), Path.of("run.jsonl"));
    System.out.println(result.outcome() + ": " + result.reason());
    System.exit(result.accepted() ? 0 : 1);
  }

  /** Runs the loop on {@code crate}, writing the transcript to {@code transcript}. */
  public static LoopResult run(Path crate, Path transcript) {
    // snippet:embedding
    CargoEnvironment env = CargoEnvironment.builder().build();   // rustup toolchains, caches
    String image = RustImage.ensure(System.err::println);         // built locally once, no registry
    try (GitWorkspace ws = GitWorkspace.builder(crate).open();
        DockerSandbox docker = DockerSandbox.builder(image).build();
        DockerSandbox.Session sandbox = docker.openSession(env.mounts(ws.root()), env.limits());
        TranscriptWriter transcriptWriter = TranscriptWriter.open(transcript)) {
      RustGates rust = RustGates.with(env);
      ModelClient model = SuggestionProposer.create(rust.clippy(), ws, sandbox,
          SuggestionProposer.Pace.ONE_AT_A_TIME);  // or ModelClients.openAi(url, name).build()
      return AgentLoop.builder()
          .model(model)
          .workspace(ws)                            // the loop works on branch ratchet/<run-id>
          .gates(rust.pipeline(List.of("fmt", "clippy", "test")))
          .sandbox(sandbox)
          .commandEnvironment(env)
          .budget(Budget.defaults().withMaxIterations(20))
          .listener(transcriptWriter)
          .build()
          .run(Task.of("fix-warnings", "Make cargo clippy -D warnings pass"));
    }
    // end-snippet:embedding
  }
}
