package dev.ratchet.sandbox;

import java.util.List;

/**
 * How a command a model asked for is set up in the sandbox: which toolchains and caches it sees,
 * its environment variables, where it starts. The loop supplies the argument vector (already
 * allowed by the {@link CommandPolicy}), the workspace mount (read-only, or a writable scratch copy
 * for commands that write the tree) and the limits.
 */
@FunctionalInterface
public interface CommandEnvironment {

  /** The workspace's mount point inside the sandbox, where commands start. */
  String WORKSPACE = "/workspace";

  /** The spec that runs {@code argv} with {@code workspace} mounted at {@link #WORKSPACE}. */
  ExecSpec spec(List<String> argv, Mount workspace, Limits limits);

  /** Only the workspace, no variables: enough for tools on the image's default path. */
  static CommandEnvironment plain() {
    return (argv, workspace, limits) -> ExecSpec.builder(argv)
        .workdir(WORKSPACE)
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .mount(workspace)
        .limits(limits)
        .build();
  }
}
