package dev.ratchet.sandbox;

import java.util.Objects;

/**
 * What a {@link CommandPolicy} says about one command a model proposed: run it, refuse it, or run
 * it only when an {@link Approver} says yes.
 *
 * <p>The family is sealed so that the loop handles each kind; {@code writesTree} tells the loop
 * how to run an allowed command: on the work tree mounted read-only, or on a scratch copy whose
 * changes come back as one edit that the workspace's path guard judges like any model edit.
 */
public sealed interface CommandVerdict
    permits CommandVerdict.Allow, CommandVerdict.Deny, CommandVerdict.NeedsApproval {

  /**
   * Run the command.
   *
   * @param writesTree whether the command changes files of the tree (such as {@code cargo fmt} or
   *     {@code cargo fix}); such a command runs on a scratch copy and its changes come back as an
   *     edit
   */
  record Allow(boolean writesTree) implements CommandVerdict {}

  /**
   * Refuse the command.
   *
   * @param reason written for the model: what is not allowed and what it may do instead
   */
  record Deny(String reason) implements CommandVerdict {
    /** Validates that the reason says something. */
    public Deny {
      requireText(reason);
    }
  }

  /**
   * Run the command only when an {@link Approver} says yes: it is destructive or unusual.
   *
   * @param reason why it needs approval, for the operator (and for the model when declined)
   * @param writesTree as in {@link Allow#writesTree()}
   */
  record NeedsApproval(String reason, boolean writesTree) implements CommandVerdict {
    /** Validates that the reason says something. */
    public NeedsApproval {
      requireText(reason);
    }
  }

  /** Runs a command that only reads the tree. */
  static CommandVerdict allow() {
    return new Allow(false);
  }

  /** Runs a command that changes files of the tree (on a scratch copy). */
  static CommandVerdict allowWritingTree() {
    return new Allow(true);
  }

  /** Refuses a command with a reason written for the model. */
  static CommandVerdict deny(String reason) {
    return new Deny(reason);
  }

  /** Asks an approver first. */
  static CommandVerdict needsApproval(String reason, boolean writesTree) {
    return new NeedsApproval(reason, writesTree);
  }

  private static void requireText(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException(
          "reason is blank: say what is not allowed and what to do instead");
    }
  }
}
