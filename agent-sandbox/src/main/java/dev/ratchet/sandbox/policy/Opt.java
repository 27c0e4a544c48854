package dev.ratchet.sandbox.policy;

/** How the policy reads one option of a program: whether a value follows and what it must be. */
enum Opt {
  /** Takes no value. */
  FLAG(false),
  /** Takes a value of any (plain) text. */
  VALUE(true),
  /** Takes a pattern ({@code grep -e}): any text; the first positional is then a path too. */
  PATTERN(true),
  /** Takes a file of patterns ({@code grep -f}): a path inside the tree, as {@link #PATTERN}. */
  PATTERN_FILE(true),
  /** Takes a path that must stay inside the tree. */
  PATH(true),
  /** Takes a target triple; never a target spec file, which can name a linker. */
  TRIPLE(true),
  /** {@code rustc -C key=value}: linker keys are refused, path keys stay inside the tree. */
  CODEGEN(true),
  /** {@code rustc --emit kind[=path],...}: each path stays inside the tree. */
  EMIT(true),
  /** {@code rustc --print what[=path]}: the path stays inside the tree. */
  PRINT(true),
  /** {@code rustc --extern name[=path]}: the path stays inside the tree. */
  EXTERN(true),
  /** {@code rustc -L [kind=]path}: the path stays inside the tree. */
  LIB_PATH(true),
  /** {@code rustfmt --emit}: {@code stdout}, {@code json}, {@code checkstyle} leave files alone. */
  FMT_EMIT(true),
  /** A flag that turns a tree-writing command into a read-only one ({@code --check}). */
  READ_ONLY(false),
  /** A flag that makes a read-only command write the tree ({@code cargo clippy --fix}). */
  WRITES(false);

  final boolean takesValue;

  Opt(boolean takesValue) {
    this.takesValue = takesValue;
  }
}
