package dev.ratchet.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run in a sandbox.
 *
 * @param argv the program and its arguments (never a shell string)
 * @param env the whole environment the command sees (the host's is never inherited)
 * @param workdir the working directory inside the sandbox
 * @param mounts host directories made visible to the command
 * @param limits time, memory, process and output limits
 * @param network whether the command may reach a network (off unless asked for)
 */
public record ExecSpec(
    List<String> argv,
    Map<String, String> env,
    String workdir,
    List<Mount> mounts,
    Limits limits,
    boolean network) {

  /** Validates and copies. */
  public ExecSpec {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty: name the program to run");
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(workdir, "workdir");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(limits, "limits");
  }

  /** Starts a spec for the given command, with default limits, no mounts and no network. */
  public static Builder builder(String... argv) {
    return new Builder(List.of(argv));
  }

  /** Starts a spec for the given command. */
  public static Builder builder(List<String> argv) {
    return new Builder(argv);
  }

  /** Builds an {@link ExecSpec}; each setter may be called once. */
  public static final class Builder {
    private final List<String> argv;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Mount> mounts = new ArrayList<>();
    private String workdir = "/";
    private Limits limits = Limits.defaults();
    private boolean network;

    private Builder(List<String> argv) {
      this.argv = List.copyOf(argv);
    }

    /** Adds one environment variable. */
    public Builder env(String name, String value) {
      if (env.putIfAbsent(name, value) != null) {
        throw new IllegalStateException("env " + name + " is set twice; set it once");
      }
      return this;
    }

    /** Adds environment variables. */
    public Builder env(Map<String, String> vars) {
      vars.forEach(this::env);
      return this;
    }

    /** Sets the working directory inside the sandbox. */
    public Builder workdir(String dir) {
      this.workdir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Adds a mount. */
    public Builder mount(Mount mount) {
      mounts.add(Objects.requireNonNull(mount, "mount"));
      return this;
    }

    /** Adds mounts. */
    public Builder mounts(List<Mount> more) {
      more.forEach(this::mount);
      return this;
    }

    /** Sets the limits. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Allows network access for this command (dependency fetches only). */
    public Builder network(boolean allowed) {
      this.network = allowed;
      return this;
    }

    /** Returns the spec. */
    public ExecSpec build() {
      return new ExecSpec(argv, env, workdir, mounts, limits, network);
    }
  }
}
