package dev.ratchet.sandbox.policy;

import static dev.ratchet.sandbox.policy.Opt.CODEGEN;
import static dev.ratchet.sandbox.policy.Opt.EMIT;
import static dev.ratchet.sandbox.policy.Opt.EXTERN;
import static dev.ratchet.sandbox.policy.Opt.FLAG;
import static dev.ratchet.sandbox.policy.Opt.FMT_EMIT;
import static dev.ratchet.sandbox.policy.Opt.LIB_PATH;
import static dev.ratchet.sandbox.policy.Opt.PATH;
import static dev.ratchet.sandbox.policy.Opt.PATTERN;
import static dev.ratchet.sandbox.policy.Opt.PATTERN_FILE;
import static dev.ratchet.sandbox.policy.Opt.PRINT;
import static dev.ratchet.sandbox.policy.Opt.READ_ONLY;
import static dev.ratchet.sandbox.policy.Opt.TRIPLE;
import static dev.ratchet.sandbox.policy.Opt.VALUE;
import static dev.ratchet.sandbox.policy.Opt.WRITES;

import dev.ratchet.sandbox.policy.Program.Positionals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data of the Rust command policy: which programs and cargo subcommands exist, how their
 * arguments are read, and what is refused with which reason. The logic that reads these tables is
 * in {@link RustCommandPolicy}; nothing here decides anything.
 */
final class Programs {
  private Programs() {}

  // ---- reasons, written for the model: what is not allowed and what to do instead ----

  static final String INSIDE = "Commands may only name files inside the repository, by paths"
      + " relative to its root (such as src/lib.rs, or . for the root).";

  static final String SHELL = "is a shell, and commands never run through a shell here. Send the"
      + " program and its arguments as a list, such as [\"cargo\", \"test\"]; pipes,"
      + " redirections, globs and variables are not available.";

  static final String LAUNCHER = "runs another program (or changes how it runs), which is not"
      + " allowed. Run the program directly, such as [\"cargo\", \"test\"]; the environment"
      + " cannot be changed.";

  static final String INTERPRETER = "runs scripts, which is not allowed. Read files with cat,"
      + " head, tail or grep, and change them with an edit (a diff or a whole file).";

  static final String CHANGES_FILES = "changes files, and commands here only read the repository"
      + " (cargo fmt and cargo fix excepted). Change files with an edit (a diff or a whole"
      + " file).";

  static final String NETWORK = "reaches the network, and commands run offline here. Work with"
      + " what is in the repository.";

  static final String CONFIG = "is not allowed: it can turn the network on or replace the"
      + " runner, linker or compiler wrapper. Run the command without it; the configuration is"
      + " fixed.";

  static final String UNSTABLE = "is not allowed: unstable -Z options can change how code is"
      + " built, linked and run. Run the command without them.";

  static final String REGISTRY = "is not allowed: commands run offline, with the dependencies"
      + " already available. Leave it out.";

  static final String LINKER = "is not allowed: it makes the compiler run or load another"
      + " program. Leave it out; the toolchain's linker is used.";

  static final String ARG_FILE = "Argument files (@file) are not allowed: pass the arguments"
      + " directly.";

  static final String FOLLOW = "follows symbolic links, which can lead out of the repository."
      + " Leave it out.";

  /** Programs refused by name, with the reason (after the program's name). */
  static final Map<String, String> REFUSED_PROGRAMS = refusedPrograms();

  private static Map<String, String> refusedPrograms() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : List.of("sh", "bash", "dash", "zsh", "fish", "ksh", "mksh", "csh", "tcsh",
        "ash", "busybox", "pwsh", "powershell", "cmd")) {
      m.put(s, SHELL);
    }
    for (String s : List.of("env", "xargs", "nohup", "timeout", "nice", "ionice", "setsid",
        "stdbuf", "chroot", "unshare", "nsenter", "sudo", "su", "doas", "runuser", "time",
        "watch", "strace", "ltrace", "gdb", "lldb", "rust-gdb", "rust-lldb", "valgrind", "exec",
        "command", "flock", "script", "parallel")) {
      m.put(s, LAUNCHER);
    }
    for (String s : List.of("python", "python3", "python2", "perl", "ruby", "node", "deno", "bun",
        "php", "lua", "tclsh", "awk", "gawk", "mawk", "nawk", "sed", "vi", "vim", "nvim", "emacs",
        "nano", "ed", "ex", "less", "more", "jq")) {
      m.put(s, INTERPRETER);
    }
    for (String s : List.of("rm", "rmdir", "mv", "cp", "ln", "chmod", "chown", "chgrp", "touch",
        "mkdir", "tee", "dd", "truncate", "install", "shred", "patch", "tar", "unzip", "zip",
        "gzip", "gunzip")) {
      m.put(s, CHANGES_FILES);
    }
    for (String s : List.of("curl", "wget", "ssh", "scp", "sftp", "rsync", "nc", "ncat",
        "netcat", "telnet", "ftp", "socat", "ping", "dig", "nslookup", "docker", "podman",
        "kubectl")) {
      m.put(s, NETWORK);
    }
    m.put("git", "belongs to the loop: every accepted step is a commit it makes. Read files with"
        + " cat or a ReadFile action, and change them with edits.");
    m.put("hg", m.get("git"));
    m.put("rustup", "manages toolchains, which are fixed here. Pick an installed toolchain with"
        + " cargo +NAME (such as cargo +nightly test).");
    for (String s : List.of("make", "cmake", "ninja", "just", "bazel")) {
      m.put(s, "is not available: build and test with cargo (cargo build, cargo test).");
    }
    return Map.copyOf(m);
  }

  // ---- cargo ----

  /** Options every cargo subcommand shares (also read before the subcommand). */
  private static final Map<String, Opt> CARGO_OPTIONS = Map.of(
      "--manifest-path", PATH, "--target-dir", PATH, "--lockfile-path", PATH,
      "--artifact-dir", PATH, "--out-dir", PATH, "--target", TRIPLE,
      "-p", VALUE, "-j", VALUE, "-F", VALUE);

  private static final Map<String, String> CARGO_DENIED = Map.of(
      "--config", CONFIG, "-Z", UNSTABLE, "--registry", REGISTRY, "--index", REGISTRY,
      "--token", REGISTRY);

  /** Options cargo takes before its subcommand. */
  static final Program CARGO_GLOBAL = Program.define("cargo")
      .opt(FLAG, "-v", "-q", "-V", "-h", "--verbose", "--quiet", "--version", "--help", "--list",
          "--offline", "--frozen", "--locked")
      .opt(VALUE, "--color", "--explain")
      .opt(PATH, "-C")
      .options(CARGO_OPTIONS)
      .denied(CARGO_DENIED)
      .toolchain()
      .build();

  // ---- rustc and friends ----

  private static final Program.Def compilerBase(String name) {
    return Program.define(name)
        .opt(FLAG, "-h", "--help", "-V", "--version", "-v", "--verbose", "-g", "-O", "--test")
        .opt(VALUE, "--cfg", "--check-cfg", "--crate-type", "--crate-name", "--edition",
            "--error-format", "--json", "--color", "--diagnostic-width", "--cap-lints", "-W",
            "--warn", "-A", "--allow", "-D", "--deny", "-F", "--forbid", "--force-warn", "-l",
            "--explain", "--remap-path-prefix")
        .opt(PATH, "-o", "--out-dir", "--sysroot")
        .opt(TRIPLE, "--target")
        .opt(CODEGEN, "-C", "--codegen")
        .opt(EXTERN, "--extern")
        .opt(LIB_PATH, "-L")
        .deny(UNSTABLE, "-Z")
        .positionals(Positionals.COMPILER_INPUTS)
        .closed()
        .toolchain();
  }

  /** rustc, also the reading of {@code cargo clippy -- ...} (clippy-driver takes rustc's flags). */
  static final Program RUSTC = compilerBase("rustc").opt(EMIT, "--emit").opt(PRINT, "--print")
      .build();

  static final Program CLIPPY_DRIVER = compilerBase("clippy-driver").opt(EMIT, "--emit")
      .opt(PRINT, "--print").build();

  static final Program RUSTDOC = compilerBase("rustdoc")
      .opt(FLAG, "--document-private-items", "--markdown-no-toc", "--no-run")
      .opt(VALUE, "--test-args", "--default-theme", "--playground-url", "--crate-version",
          "-w", "--output-format", "--markdown-playground-url", "--resource-suffix")
      .opt(PATH, "--html-in-header", "--html-before-content", "--html-after-content",
          "--extend-css", "-e", "--markdown-css", "--theme", "--check-theme",
          "--markdown-before-content", "--markdown-after-content")
      .deny("runs another program for doctests, which is not allowed. Leave it out.",
          "--test-builder", "--test-builder-wrapper", "--runtool", "--runtool-arg",
          "--test-runtool", "--test-runtool-arg")
      .build();

  /** rustfmt; also the reading of {@code cargo fmt -- ...}. */
  static final Program RUSTFMT = Program.define("rustfmt").writes()
      .opt(FLAG, "-v", "-q", "-l", "-V", "-h", "--verbose", "--quiet", "--files-with-diff",
          "--version", "--help", "--backup", "--unstable-features", "--skip-children")
      .opt(READ_ONLY, "--check")
      .opt(FMT_EMIT, "--emit")
      .opt(VALUE, "--edition", "--style-edition", "--color", "--config", "--print-config")
      .opt(PATH, "--config-path", "--file-lines")
      .deny(UNSTABLE, "-Z")
      .toolchain()
      .build();

  /** Arguments a test or run binary gets after {@code --}: anything, paths kept inside. */
  private static final Program PROGRAM_ARGS = Program.define("the program's arguments").build();

  /** Cargo subcommands, by name, after aliases are resolved. */
  static final Map<String, Program> CARGO_SUBCOMMANDS = cargoSubcommands();

  /** Cargo's built-in aliases. */
  static final Map<String, String> CARGO_ALIASES =
      Map.of("b", "build", "c", "check", "t", "test", "d", "doc", "r", "run", "rm", "remove");

  static Program cargoSubcommand(String name) {
    return cargo(name).build();
  }

  private static Program.Def cargo(String sub) {
    return Program.define("cargo " + sub).options(CARGO_OPTIONS).denied(CARGO_DENIED)
        .trailing(PROGRAM_ARGS);
  }

  private static Map<String, Program> cargoSubcommands() {
    Map<String, Program> m = new LinkedHashMap<>();
    for (String s : List.of("build", "check", "test", "bench", "run", "tree", "metadata",
        "locate-project", "pkgid", "verify-project", "read-manifest", "version", "help")) {
      m.put(s, cargo(s).build());
    }
    m.put("clippy", cargo("clippy").opt(WRITES, "--fix").trailing(CLIPPY_DRIVER).build());
    m.put("doc", cargo("doc").deny("--open starts a browser, and there is none here. Leave it"
        + " out; the documentation is built under target/doc.", "--open").build());
    m.put("fmt", cargo("fmt").writes().opt(READ_ONLY, "--check").trailing(RUSTFMT).build());
    m.put("fix", cargo("fix").writes().build());
    m.put("new", cargo("new").writes().build());
    m.put("init", cargo("init").writes().build());
    m.put("clean", cargo("clean").needsApproval("cargo clean deletes the build cache, so every"
        + " later build starts from nothing.").build());
    return Collections.unmodifiableMap(m);
  }

  /** Cargo subcommands refused by name, with the reason (after {@code cargo <name>}). */
  static final Map<String, String> REFUSED_CARGO = refusedCargo();

  private static Map<String, String> refusedCargo() {
    Map<String, String> m = new LinkedHashMap<>();
    String installs = "adds or removes programs on the machine and needs the network; it is not"
        + " allowed. Use the tools that are installed.";
    m.put("install", installs);
    m.put("uninstall", installs);
    String registry = "talks to a package registry; it is not allowed here. The loop hands its"
        + " result to the user, who publishes.";
    for (String s : List.of("publish", "login", "logout", "owner", "yank", "package")) {
      m.put(s, registry);
    }
    String deps = "changes dependencies or fetches them, which needs the network; commands run"
        + " offline here. To change a dependency, edit Cargo.toml with an edit (it must already"
        + " be available offline).";
    for (String s : List.of("add", "remove", "update", "generate-lockfile", "fetch", "vendor")) {
      m.put(s, deps);
    }
    String lookup = "needs the network; commands run offline here. Read Cargo.toml and"
        + " Cargo.lock, or run cargo tree or cargo metadata.";
    m.put("search", lookup);
    m.put("info", lookup);
    String raw = "passes raw flags to the compiler, which is not allowed. Use cargo build,"
        + " cargo check or cargo doc.";
    m.put("rustc", raw);
    m.put("rustdoc", raw);
    m.put("config", "reads or changes cargo's configuration, which is fixed here. Leave it"
        + " alone.");
    m.put("report", "is not needed here; cargo build and cargo test report what matters.");
    return Map.copyOf(m);
  }

  // ---- file viewers: read-only, paths inside the tree ----

  static final Map<String, Program> VIEWERS = viewers();

  private static Map<String, Program> viewers() {
    Map<String, Program> m = new LinkedHashMap<>();
    m.put("ls", Program.define("ls")
        .opt(VALUE, "-I", "--ignore", "--hide", "-w", "--width", "-T", "--tabsize", "--color",
            "--format", "--sort", "--time", "--time-style", "--block-size", "--indicator-style",
            "--quoting-style", "--hyperlink")
        .build());
    m.put("cat", Program.define("cat").build());
    m.put("head", Program.define("head").opt(VALUE, "-n", "-c", "--lines", "--bytes").build());
    m.put("tail", Program.define("tail")
        .opt(VALUE, "-n", "-c", "--lines", "--bytes", "-s", "--sleep-interval", "--pid")
        .deny("follows a file forever and never ends. Use tail -n NUMBER to see the end of a"
            + " file.", "-f", "-F", "--follow", "--retry")
        .build());
    m.put("wc", Program.define("wc").opt(PATH, "--files0-from").build());
    m.put("grep", Program.define("grep")
        .opt(PATTERN, "-e", "--regexp")
        .opt(PATTERN_FILE, "-f", "--file")
        .opt(PATH, "--exclude-from")
        .opt(VALUE, "--include", "--exclude", "--exclude-dir", "-m", "--max-count", "-A",
            "--after-context", "-B", "--before-context", "-C", "--context", "-d",
            "--directories", "-D", "--devices", "--label", "--color", "--colour",
            "--binary-files", "--group-separator")
        .deny("follows symbolic links, which can lead out of the repository. Use -r instead.",
            "-R", "--dereference-recursive")
        .positionals(Positionals.PATTERN_THEN_PATHS)
        .build());
    m.put("find", find());
    m.put("diff", Program.define("diff")
        .opt(PATH, "--from-file", "--to-file", "-X", "--exclude-from")
        .opt(VALUE, "-x", "--exclude", "-I", "--ignore-matching-lines", "-C", "--context", "-U",
            "--unified", "-L", "--label", "-W", "--width", "--tabsize", "--horizon-lines",
            "--color", "--palette", "-F", "--show-function-line", "-D", "--ifdef",
            "--line-format", "--old-line-format", "--new-line-format",
            "--unchanged-line-format", "--old-group-format", "--new-group-format",
            "--changed-group-format", "--unchanged-group-format")
        .build());
    m.put("cmp", Program.define("cmp")
        .opt(VALUE, "-i", "--ignore-initial", "-n", "--bytes").build());
    m.put("tree", Program.define("tree")
        .opt(VALUE, "-L", "-P", "-I", "-H", "-T", "--filelimit", "--timefmt", "--sort",
            "--charset")
        .opt(PATH, "--gitfile")
        .deny("writes its output to a file. Leave it out: the listing is printed.", "-o", "-R")
        .deny(FOLLOW, "-l")
        .build());
    m.put("file", Program.define("file")
        .opt(PATH, "-m", "--magic-file", "-f", "--files-from")
        .opt(VALUE, "-F", "--separator", "-e", "--exclude", "-P", "--parameter")
        .deny("writes a compiled magic file. Leave it out.", "-C", "--compile")
        .build());
    m.put("stat", Program.define("stat").opt(VALUE, "-c", "--format", "--printf").build());
    m.put("sort", Program.define("sort")
        .opt(VALUE, "-k", "--key", "-t", "--field-separator", "-S", "--buffer-size",
            "--parallel", "--batch-size")
        .opt(PATH, "--files0-from", "--random-source")
        .deny("writes to a file or a temporary directory. Leave it out: sort prints its"
            + " result.", "-o", "--output", "-T", "--temporary-directory")
        .deny("runs another program, which is not allowed. Leave it out.",
            "--compress-program")
        .build());
    m.put("uniq", Program.define("uniq")
        .opt(VALUE, "-f", "--skip-fields", "-s", "--skip-chars", "-w", "--check-chars").build());
    return Collections.unmodifiableMap(m);
  }

  private static Program find() {
    Program.Def d = Program.define("find").words()
        .opt(FLAG, "-P", "-O0", "-O1", "-O2", "-O3", "(", ")", "!", ",", "-not", "-a", "-and",
            "-o", "-or", "-empty", "-readable", "-writable", "-executable", "-true", "-false",
            "-print", "-print0", "-ls", "-prune", "-quit", "-depth", "-mount", "-xdev", "-noleaf",
            "-daystart", "-nouser", "-nogroup", "-ignore_readdir_race", "-noignore_readdir_race")
        .opt(VALUE, "-D", "-O", "-name", "-iname", "-path", "-ipath", "-wholename",
            "-iwholename", "-regex", "-iregex", "-lname", "-ilname", "-type", "-xtype", "-size",
            "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-used", "-perm", "-user",
            "-group", "-uid", "-gid", "-links", "-inum", "-printf", "-maxdepth", "-mindepth",
            "-regextype", "-fstype", "-context")
        .opt(PATH, "-newer", "-anewer", "-cnewer", "-samefile", "-files0-from")
        .deny("runs another program for each file, which is not allowed (no shell, no"
            + " commands). List files with find and read them with cat, head or grep.", "-exec",
            "-execdir", "-ok", "-okdir")
        .deny("deletes files. Delete files with an edit (a diff that deletes them).", "-delete")
        .deny("writes to a file. Use -print or -printf: the listing is printed.", "-fprint",
            "-fprint0", "-fprintf", "-fls")
        .deny(FOLLOW, "-L", "-H", "-follow");
    for (char x : "aBcm".toCharArray()) {
      for (char y : "aBcmt".toCharArray()) {
        d.opt(y == 't' ? VALUE : PATH, "-newer" + x + y);
      }
    }
    return d.build();
  }

  /** The rust tools, by name. */
  static final Map<String, Program> RUST_TOOLS = rustTools();

  private static Map<String, Program> rustTools() {
    Map<String, Program> m = new LinkedHashMap<>();
    m.put("rustc", RUSTC);
    m.put("rustfmt", RUSTFMT);
    m.put("clippy-driver", CLIPPY_DRIVER);
    m.put("rustdoc", RUSTDOC);
    return Collections.unmodifiableMap(m);
  }

  /** rustc {@code -C} keys that are refused: they run, load or configure other programs. */
  static final Map<String, String> DENIED_CODEGEN = Map.of(
      "linker", LINKER, "link-arg", LINKER, "link-args", LINKER, "linker-flavor", LINKER,
      "link-self-contained", LINKER, "linker-plugin-lto", LINKER,
      "llvm-args", "is not allowed: it passes raw options to LLVM. Leave it out.");

  /** rustc {@code -C} keys whose value is a path. */
  static final Set<String> PATH_CODEGEN_KEYS =
      Set.of("incremental", "profile-generate", "profile-use");

  /** A program the operator added: read-only, paths inside the tree. */
  static Program extra(String name) {
    return Program.define(name).build();
  }
}
