package dev.ratchet.examples;

import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.Gate;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.llm.Channel;
import dev.ratchet.llm.ModelClients;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.policy.Budget;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.policy.CommandPolicies;
import java.nio.file.Path;
import java.util.List;

/**
 * Example 2: an agent against a self-hosted model behind an OpenAI-compatible server (vLLM,
 * SGLang, LMDeploy), editing through native tool calls ({@code apply_patch}, {@code edit}, {@code
 * write_file}, {@code read_file}, {@code run_command}, {@code finish}).
 *
 * <p>Serve the model with tool calling on, for example Qwen3.5-27B on one GPU (the catalog's
 * launch line, {@code ratchet models show qwen3.5-27b}):
 *
 * <pre>
 * vllm serve Qwen/Qwen3.5-27B-FP8 --trust-remote-code --enable-auto-tool-choice \
 *     --tool-call-parser qwen3_coder --reasoning-parser qwen3 \
 *     --served-model-name qwen --host 127.0.0.1 --port 8000
 * </pre>
 *
 * then {@code java ... ToolCallingAgent http://127.0.0.1:8000/v1 qwen my-crate "Fix the failing
 * test"}. Without {@code --enable-auto-tool-choice} vLLM refuses tool calls; leave the channel on
 * {@link Channel#AUTO} and the client probes the server and falls back to structured output or
 * text.
 */
public final class ToolCallingAgent {
  private ToolCallingAgent() {}

  /** {@code BASE_URL SERVED_NAME CRATE TASK}: the loop with the Rust gates in Docker. */
  public static void main(String... args) {
    Path crate = Path.of(args[2]);
    CargoEnvironment env = CargoEnvironment.builder().build();
    try (GitWorkspace ws = GitWorkspace.builder(crate).open();
        DockerSandbox docker = DockerSandbox.builder(RustImage.ensure(System.err::println))
            .build();
        DockerSandbox.Session sandbox = docker.openSession(env.mounts(ws.root()),
            env.limits())) {
      LoopResult result = run(model(args[0], args[1]), ws,
          RustGates.with(env).pipeline(List.of("fmt", "clippy", "test")), sandbox, args[3]);
      System.out.println(result.outcome() + ": " + result.reason());
    }
  }

  /** A client for the served model, with settings that suit a coding agent. */
  public static ModelClient model(String baseUrl, String servedName) {
    // snippet:tool-calling-client
    return ModelClients.openAi(baseUrl, servedName)
        .channel(Channel.TOOLS)        // native tool calls; AUTO would probe the server first
        .temperature(0.2)
        .seed(7)                       // vLLM and SGLang honour it: reruns are comparable
        .maxTokens(8192)
        .build();
    // end-snippet:tool-calling-client
  }

  /** Runs the loop: the model's tool calls edit {@code ws}; {@code gates} judge each step. */
  public static LoopResult run(ModelClient model, GitWorkspace ws, List<Gate> gates,
      Sandbox sandbox, String task) {
    return AgentLoop.builder()
        .model(model)
        .workspace(ws)
        .gates(gates)
        .sandbox(sandbox)
        .commandPolicy(CommandPolicies.rust())  // run_command: cargo and friends, nothing else
        .budget(Budget.defaults().withMaxIterations(10))
        .build()
        .run(Task.of("tool-calling", task));
  }
}
