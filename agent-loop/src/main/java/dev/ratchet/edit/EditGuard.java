package dev.ratchet.edit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an edit may touch: protected paths, modes, binary content and size caps.
 *
 * <p>Tool-control files are protected by default because a model can fake results or reach the
 * network through them: a {@code .cargo/config.toml} runner replaces the test binary, a {@code
 * rust-toolchain} file picks another compiler, CI files run elsewhere. Anything under {@code .git}
 * is always refused, whatever the list says.
 *
 * @param protectedGlobs globs (relative to the tree, {@code **} for any depth) matched
 *     case-insensitively
 * @param allowBinary whether {@code GIT binary patch} data may be applied
 * @param allowExecBit whether an edit may create executable files or flip the exec bit
 * @param maxEditBytes the largest edit text accepted
 * @param maxFiles the most files one edit may touch
 * @param maxFileBytes the largest file an edit may produce
 */
public record EditGuard(
    List<String> protectedGlobs,
    boolean allowBinary,
    boolean allowExecBit,
    long maxEditBytes,
    int maxFiles,
    long maxFileBytes) {

  /** The tool-control files protected by default. */
  public static final List<String> DEFAULT_PROTECTED =
      List.of(
          "**/.cargo/config",
          "**/.cargo/config.toml",
          "**/rust-toolchain",
          "**/rust-toolchain.toml",
          "**/.gitmodules",
          ".github/**",
          ".gitlab-ci.yml",
          ".circleci/**");

  /** Validates the caps and copies the globs. */
  public EditGuard {
    protectedGlobs = List.copyOf(protectedGlobs);
    if (maxEditBytes < 1 || maxFiles < 1 || maxFileBytes < 1) {
      throw new IllegalArgumentException("edit caps must be positive");
    }
  }

  /** Default protection, no binary patches, no exec bits, 2 MiB edits, 100 files, 4 MiB files. */
  public static EditGuard defaults() {
    return builder().build();
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a normalised relative path is protected (always true under {@code .git}). */
  public boolean isProtected(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String segment : lower.split("/")) {
      if (segment.equals(".git")) {
        return true;
      }
    }
    return compiled().stream().anyMatch(p -> p.matcher(lower).matches());
  }

  private List<Pattern> compiled() {
    List<Pattern> patterns = new ArrayList<>(protectedGlobs.size());
    for (String glob : protectedGlobs) {
      patterns.add(COMPILED.computeIfAbsent(glob.toLowerCase(Locale.ROOT), EditGuard::globToRegex));
    }
    return patterns;
  }

  /** Globs compiled once per distinct glob: every path of every edit is checked against them. */
  private static final java.util.Map<String, Pattern> COMPILED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 2;
      } else if (glob.startsWith("**", i)) {
        re.append(".*");
        i += 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** Builds an {@link EditGuard}; starts from the defaults. */
  public static final class Builder {
    private final Set<String> globs = new LinkedHashSet<>(DEFAULT_PROTECTED);
    private boolean allowBinary;
    private boolean allowExecBit;
    private long maxEditBytes = 2L << 20;
    private int maxFiles = 100;
    private long maxFileBytes = 4L << 20;

    private Builder() {}

    /** Protects one more glob, such as {@code deny.toml} or {@code scripts/**}. */
    public Builder protect(String glob) {
      globs.add(Objects.requireNonNull(glob, "glob"));
      return this;
    }

    /** Lifts the protection of a glob from the list (not of {@code .git}, which stays refused). */
    public Builder unprotect(String glob) {
      if (!globs.remove(glob)) {
        throw new IllegalArgumentException(
            "'" + glob + "' is not protected; protected globs are " + globs);
      }
      return this;
    }

    /** Allows {@code GIT binary patch} data. */
    public Builder allowBinary(boolean allow) {
      this.allowBinary = allow;
      return this;
    }

    /** Allows executable files and exec-bit flips. */
    public Builder allowExecBit(boolean allow) {
      this.allowExecBit = allow;
      return this;
    }

    /** Sets the largest edit text accepted, in bytes. */
    public Builder maxEditBytes(long bytes) {
      this.maxEditBytes = bytes;
      return this;
    }

    /** Sets the most files one edit may touch. */
    public Builder maxFiles(int files) {
      this.maxFiles = files;
      return this;
    }

    /** Sets the largest file an edit may produce, in bytes. */
    public Builder maxFileBytes(long bytes) {
      this.maxFileBytes = bytes;
      return this;
    }

    /** Returns the guard. */
    public EditGuard build() {
      return new EditGuard(
          List.copyOf(globs), allowBinary, allowExecBit, maxEditBytes, maxFiles, maxFileBytes);
    }
  }
}
