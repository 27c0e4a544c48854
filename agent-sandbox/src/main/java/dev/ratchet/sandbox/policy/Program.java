package dev.ratchet.sandbox.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the policy's table: a program (or a cargo subcommand) and how its arguments are read.
 *
 * @param name the program, or {@code cargo <subcommand>}
 * @param effect whether it reads the tree, writes it, or needs approval
 * @param approval why it needs approval; empty unless {@code effect} is {@link Effect#APPROVAL}
 * @param options the options it knows (long {@code --name}, short {@code -x}, or find's words)
 * @param denied options that are refused, each with the reason told to the model
 * @param positionals what its positional arguments are
 * @param closed whether an option missing from {@code options} is refused (an allowlist)
 * @param words whether options are whole words ({@code find -name}) rather than GNU-style
 * @param toolchain whether a {@code +toolchain} first argument is accepted (rustup proxies)
 * @param trailing how the arguments after {@code --} are read; empty: as positionals of this one
 */
record Program(
    String name,
    Effect effect,
    String approval,
    Map<String, Opt> options,
    Map<String, String> denied,
    Positionals positionals,
    boolean closed,
    boolean words,
    boolean toolchain,
    Optional<Program> trailing) {

  Program {
    options = Map.copyOf(options);
    denied = Map.copyOf(denied);
  }

  /** What running the program does to the tree. */
  enum Effect {
    /** It only reads. */
    READS,
    /** It changes files of the tree. */
    WRITES,
    /** It needs an approver's yes (the reason is in {@link Program#approval()}). */
    APPROVAL
  }

  /** What the positional arguments of a program are. */
  enum Positionals {
    /** Paths inside the tree. */
    PATHS,
    /** A pattern, then paths ({@code grep}); only paths when a pattern option was given. */
    PATTERN_THEN_PATHS,
    /** Input paths of a compiler; {@code @file} argument files are refused. */
    COMPILER_INPUTS
  }

  static Def define(String name) {
    return new Def(name);
  }

  /** Builds a row; used only by the table. */
  static final class Def {
    private final String name;
    private Effect effect = Effect.READS;
    private String approval = "";
    private final Map<String, Opt> options = new LinkedHashMap<>();
    private final Map<String, String> denied = new LinkedHashMap<>();
    private Positionals positionals = Positionals.PATHS;
    private boolean closed;
    private boolean words;
    private boolean toolchain;
    private Program trailing;

    private Def(String name) {
      this.name = name;
    }

    Def writes() {
      this.effect = Effect.WRITES;
      return this;
    }

    Def needsApproval(String reason) {
      this.effect = Effect.APPROVAL;
      this.approval = reason;
      return this;
    }

    Def opt(Opt kind, String... names) {
      for (String n : names) {
        if (options.put(n, kind) != null) {
          throw new IllegalStateException(name + ": option " + n + " is listed twice");
        }
      }
      return this;
    }

    Def options(Map<String, Opt> more) {
      more.forEach((n, kind) -> opt(kind, n));
      return this;
    }

    Def deny(String reason, String... names) {
      for (String n : names) {
        denied.put(n, reason);
      }
      return this;
    }

    Def denied(Map<String, String> more) {
      denied.putAll(more);
      return this;
    }

    Def positionals(Positionals kind) {
      this.positionals = kind;
      return this;
    }

    /** Unknown options are refused. */
    Def closed() {
      this.closed = true;
      return this;
    }

    /** Options are whole words, as find's are; unknown ones are refused. */
    Def words() {
      this.words = true;
      this.closed = true;
      return this;
    }

    Def toolchain() {
      this.toolchain = true;
      return this;
    }

    Def trailing(Program program) {
      this.trailing = program;
      return this;
    }

    Program build() {
      return new Program(name, effect, approval, options, denied, positionals, closed, words,
          toolchain, Optional.ofNullable(trailing));
    }
  }
}
