package dev.ratchet.sandbox;

import java.util.List;

/**
 * Says yes or no to a command that a {@link CommandPolicy} judged {@link
 * CommandVerdict.NeedsApproval}: a person at a console, a rule, or nobody ({@link #denyAll()}).
 */
@FunctionalInterface
public interface Approver {

  /**
   * Decides whether the command may run.
   *
   * @param argv the program and its arguments, as the model proposed them (they may hold control
   *     characters: escape them before showing them to a person)
   * @param reason why the policy asks, from {@link CommandVerdict.NeedsApproval#reason()}
   * @return true to run the command
   */
  boolean approve(List<String> argv, String reason);

  /** The approver for when none is configured: it declines everything. */
  static Approver denyAll() {
    return (argv, reason) -> false;
  }
}
