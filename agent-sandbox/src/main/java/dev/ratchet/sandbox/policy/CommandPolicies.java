package dev.ratchet.sandbox.policy;

import dev.ratchet.sandbox.CommandPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Command policies for model-proposed commands; {@link #rust()} is the one for Rust work.
 *
 * <p>The rules are in the package documentation. A policy only reads the argument vector; the
 * sandbox still runs every command it allows without network, with limits, on a read-only tree
 * or a scratch copy of it.
 */
public final class CommandPolicies {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  private CommandPolicies() {}

  /**
   * The Rust policy with its defaults: cargo's building, checking, testing, documenting and
   * inspecting commands, rustc, rustfmt, clippy-driver, rustdoc and read-only file viewers;
   * {@code cargo fmt} and {@code cargo fix} run on a scratch copy ({@link TreeWrites#ALLOW});
   * {@code cargo clean} needs approval.
   */
  public static CommandPolicy rust() {
    return builder().build();
  }

  /** Starts a customised Rust policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the policy says about commands that change files of the tree. */
  public enum TreeWrites {
    /**
     * Allow them: they run on a scratch copy, and their changes come back as one edit that the
     * workspace's path guard judges and the gates then judge like any model edit.
     */
    ALLOW,
    /** Ask the approver first. */
    ASK,
    /** Refuse them; the model is told to use the read-only form and send an edit. */
    REFUSE
  }

  /** Configures a Rust policy; each setting may be made once. */
  public static final class Builder {
    private final List<String> programs = new ArrayList<>();
    private final List<String> cargoSubcommands = new ArrayList<>();
    private TreeWrites treeWrites;

    private Builder() {}

    /**
     * Allows one more program, such as {@code cargo-nextest} or {@code tokei}, as a read-only
     * tool: its path arguments must stay inside the tree. Shells, launchers, interpreters and
     * programs that change files or reach the network cannot be allowed.
     */
    public Builder allowProgram(String name) {
      checkName(name, "program");
      String refused = Programs.REFUSED_PROGRAMS.get(name);
      if (refused != null) {
        throw new IllegalArgumentException("'" + name + "' cannot be allowed: " + name + " "
            + refused.substring(0, refused.indexOf('.') + 1));
      }
      if (name.equals("cargo") || Programs.RUST_TOOLS.containsKey(name)
          || Programs.VIEWERS.containsKey(name)) {
        throw new IllegalArgumentException("'" + name + "' is allowed already; add only other"
            + " programs");
      }
      if (programs.contains(name)) {
        throw new IllegalStateException("program '" + name + "' is added twice; add it once");
      }
      programs.add(name);
      return this;
    }

    /**
     * Allows one more cargo subcommand, such as {@code nextest}, read-only, with cargo's option
     * checks.
     */
    public Builder allowCargoSubcommand(String name) {
      checkName(name, "cargo subcommand");
      String refused = Programs.REFUSED_CARGO.get(name);
      if (refused != null) {
        throw new IllegalArgumentException("'cargo " + name + "' cannot be allowed: it "
            + refused.substring(0, refused.indexOf('.') + 1));
      }
      if (Programs.CARGO_SUBCOMMANDS.containsKey(name)
          || Programs.CARGO_ALIASES.containsKey(name)) {
        throw new IllegalArgumentException("'cargo " + name + "' is known already; add only"
            + " other subcommands");
      }
      if (cargoSubcommands.contains(name)) {
        throw new IllegalStateException("cargo subcommand '" + name + "' is added twice; add it"
            + " once");
      }
      cargoSubcommands.add(name);
      return this;
    }

    /** Sets what happens to commands that change files of the tree (default {@code ALLOW}). */
    public Builder treeWrites(TreeWrites mode) {
      Objects.requireNonNull(mode, "mode");
      if (treeWrites != null) {
        throw new IllegalStateException("treeWrites is already " + treeWrites + "; set it once");
      }
      this.treeWrites = mode;
      return this;
    }

    /** Returns the policy. */
    public CommandPolicy build() {
      return new RustCommandPolicy(List.copyOf(programs), List.copyOf(cargoSubcommands),
          treeWrites != null ? treeWrites : TreeWrites.ALLOW);
    }

    private static void checkName(String name, String what) {
      Objects.requireNonNull(name, what);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("a " + what + " is a bare name such as"
            + " 'cargo-nextest' (letters, digits, '.', '_', '+', '-'), not '" + name + "'");
      }
    }
  }
}
