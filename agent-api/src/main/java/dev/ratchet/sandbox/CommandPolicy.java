package dev.ratchet.sandbox;

import java.util.List;

/**
 * Decides whether a command a model proposed may run, judging its argument vector alone.
 *
 * <p>A policy is a pure function of {@code argv}: it does not look at the file system and does not
 * run anything. It must not throw for any argument vector, including an empty one; a loop treats a
 * policy that throws as a refusal. {@code dev.ratchet.sandbox.policy.CommandPolicies.rust()} in
 * {@code agent-sandbox} is the policy for Rust work.
 */
@FunctionalInterface
public interface CommandPolicy {

  /**
   * Judges one command.
   *
   * @param argv the program and its arguments, never a shell string; may be empty
   * @return the verdict; a {@link CommandVerdict.Deny} says what the model may do instead
   */
  CommandVerdict check(List<String> argv);

  /**
   * The policy for when none is configured: every command is refused, with a reason that says so
   * and how to configure one.
   */
  static CommandPolicy denyAll() {
    return argv -> CommandVerdict.deny("No command may run here: no command policy is"
        + " configured. Read files with a ReadFile action and change them with edits instead."
        + " (To allow commands, the operator sets one with AgentLoop.builder().commandPolicy(...),"
        + " for example CommandPolicies.rust() from agent-sandbox.)");
  }
}
