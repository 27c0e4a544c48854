package dev.ratchet.cli;

/** The exit codes of {@code ratchet}; the README's commands table lists them. */
final class Exit {
  /** The command did what was asked: the edit applied, the replay matched. */
  static final int OK = 0;

  /**
   * The command ran but the answer is no: a gate failed, the loop did not accept, a replay ended
   * differently from the recorded run, the sandbox doctor found a check failing.
   */
  static final int NOT_PASSED = 1;

  /** The command line is wrong: an unknown option, a missing argument (picocli's default). */
  static final int USAGE = 2;

  /** The edit was rejected; the tree is unchanged. */
  static final int REJECTED = 3;

  /**
   * The environment is wrong: no Docker daemon, no Rust toolchain, a missing directory, an
   * unreadable file, a broken repository.
   */
  static final int ENVIRONMENT = 4;

  /** Ratchet itself failed (a bug): the message asks for a report with {@code --debug}. */
  static final int INTERNAL = 70;

  private Exit() {}
}
