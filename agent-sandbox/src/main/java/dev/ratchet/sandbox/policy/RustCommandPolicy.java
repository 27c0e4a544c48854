package dev.ratchet.sandbox.policy;

import dev.ratchet.sandbox.CommandPolicy;
import dev.ratchet.sandbox.CommandVerdict;
import dev.ratchet.sandbox.policy.CommandPolicies.TreeWrites;
import dev.ratchet.sandbox.policy.Program.Effect;
import dev.ratchet.sandbox.policy.Program.Positionals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The command policy for Rust work: reads an argument vector against the tables of {@link
 * Programs} and returns a verdict. All of the policy's logic is here; the tables hold only data.
 *
 * <p>The order of checks: the vector's size and each argument's text (no control or invisible
 * characters, no huge arguments); the program's name (bare, not refused, known); then the
 * arguments, option by option, with cargo's subcommand and the arguments after {@code --} each
 * read by their own row. The first problem found is the refusal. A verdict never throws: a bug
 * here refuses the command.
 */
final class RustCommandPolicy implements CommandPolicy {
  static final int MAX_ARGS = 512;
  static final int MAX_ARG_CHARS = 8192;

  private static final Pattern TOOLCHAIN = Pattern.compile("\\+[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern TRIPLE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Set<String> STDOUT_EMITS = Set.of("stdout", "json", "checkstyle");

  private final Map<String, Program> programs;
  private final Map<String, Program> cargoSubcommands;
  private final TreeWrites treeWrites;

  RustCommandPolicy(List<String> extraPrograms, List<String> extraCargo, TreeWrites treeWrites) {
    Map<String, Program> p = new LinkedHashMap<>();
    p.put("cargo", Programs.CARGO_GLOBAL);
    p.putAll(Programs.RUST_TOOLS);
    p.putAll(Programs.VIEWERS);
    extraPrograms.forEach(name -> p.put(name, Programs.extra(name)));
    this.programs = p;
    Map<String, Program> c = new LinkedHashMap<>(Programs.CARGO_SUBCOMMANDS);
    extraCargo.forEach(name -> c.put(name, Programs.cargoSubcommand(name)));
    this.cargoSubcommands = c;
    this.treeWrites = treeWrites;
  }

  @Override
  public CommandVerdict check(List<String> argv) {
    try {
      return judge(argv);
    } catch (RuntimeException e) {
      return CommandVerdict.deny("The command could not be judged (" + e.getClass().getSimpleName()
          + "), so it was refused. Try a simpler form of it.");
    }
  }

  /** What one reading of an argument vector found. */
  private static final class Scan {
    String denial;
    boolean readOnly;
    boolean writes;
    boolean patternGiven;

    void deny(String reason) {
      if (denial == null) {
        denial = reason;
      }
    }
  }

  private CommandVerdict judge(List<String> argv) {
    if (argv == null || argv.isEmpty()) {
      return CommandVerdict.deny("The command is empty: name a program and its arguments, such"
          + " as [\"cargo\", \"test\"].");
    }
    if (argv.size() > MAX_ARGS) {
      return CommandVerdict.deny("The command has " + argv.size() + " arguments; the limit is "
          + MAX_ARGS + ". Name a directory instead of many files, or run it in parts.");
    }
    for (int i = 0; i < argv.size(); i++) {
      Optional<String> problem = textProblem(argv.get(i), i);
      if (problem.isPresent()) {
        return CommandVerdict.deny(problem.get());
      }
    }
    String name = argv.get(0);
    if (name.isEmpty()) {
      return CommandVerdict.deny("The program name is empty. Allowed programs: "
          + allowedPrograms() + ".");
    }
    if (name.chars().anyMatch(Character::isWhitespace)) {
      return CommandVerdict.deny("'" + name + "' is one argument with spaces in it. Send the"
          + " program and each argument as separate items, such as [\"cargo\", \"test\","
          + " \"--lib\"]; commands never run through a shell.");
    }
    if (name.indexOf('/') >= 0) {
      return CommandVerdict.deny("Name the program without a path: '" + name + "' is a path."
          + (name.contains("target/") ? " To run the crate's own program, use cargo run." : "")
          + " Allowed programs: " + allowedPrograms() + ".");
    }
    String refused = Programs.REFUSED_PROGRAMS.get(name);
    if (refused != null) {
      return CommandVerdict.deny(name + " " + refused);
    }
    Program program = programs.get(name);
    if (program == null) {
      return CommandVerdict.deny("'" + name + "' is not an allowed program. Allowed programs: "
          + allowedPrograms() + ".");
    }
    Scan scan = new Scan();
    List<String> args = toolchain(program, argv.subList(1, argv.size()), scan);
    if (program == Programs.CARGO_GLOBAL) {
      return cargo(args, scan);
    }
    read(program, args, scan);
    return verdict(program, scan);
  }

  private CommandVerdict cargo(List<String> args, Scan scan) {
    int at = scan(Programs.CARGO_GLOBAL, args, scan, true);
    if (scan.denial != null) {
      return CommandVerdict.deny(scan.denial);
    }
    if (at >= args.size()) {
      return CommandVerdict.allow(); // cargo --version, cargo --list, cargo --explain E0382
    }
    String sub = Programs.CARGO_ALIASES.getOrDefault(args.get(at), args.get(at));
    String refused = Programs.REFUSED_CARGO.get(sub);
    if (refused != null) {
      return CommandVerdict.deny("cargo " + sub + " " + refused);
    }
    Program program = cargoSubcommands.get(sub);
    if (program == null) {
      return CommandVerdict.deny("'cargo " + sub + "' is not an allowed cargo command. Allowed: "
          + String.join(", ", cargoSubcommands.keySet()) + ".");
    }
    read(program, args.subList(at + 1, args.size()), scan);
    return verdict(program, scan);
  }

  private CommandVerdict verdict(Program program, Scan scan) {
    if (scan.denial != null) {
      return CommandVerdict.deny(scan.denial);
    }
    boolean writes = program.effect() == Effect.WRITES ? !scan.readOnly : scan.writes;
    if (program.effect() == Effect.APPROVAL) {
      return CommandVerdict.needsApproval(program.approval(), writes);
    }
    if (!writes) {
      return CommandVerdict.allow();
    }
    switch (treeWrites) {
      case ALLOW:
        return CommandVerdict.allowWritingTree();
      case ASK:
        return CommandVerdict.needsApproval(program.name() + " changes files in the repository;"
            + " its changes come back as one edit that the workspace's path guard checks.", true);
      default:
        String instead = program.options().containsValue(Opt.READ_ONLY)
            ? " Run it with --check to see what it would change, then make the change with an"
                + " edit."
            : scan.writes
                ? " Run it without the option that writes (such as --fix) and make the change"
                    + " with an edit."
                : " Make the change with an edit (a diff or a whole file) instead.";
        return CommandVerdict.deny(program.name() + " changes files, and commands may not change"
            + " the repository here." + instead);
    }
  }

  /** Strips an accepted {@code +toolchain} first argument; refuses a malformed one. */
  private static List<String> toolchain(Program program, List<String> args, Scan scan) {
    if (!program.toolchain() || args.isEmpty() || !args.get(0).startsWith("+")) {
      return args;
    }
    if (!TOOLCHAIN.matcher(args.get(0)).matches()) {
      scan.deny("'" + args.get(0) + "' is not a toolchain name: use one such as +stable,"
          + " +nightly or +1.80.0.");
    }
    return args.subList(1, args.size());
  }

  /** Reads the arguments of one program; a grep-like program is read twice (see below). */
  private static void read(Program program, List<String> args, Scan scan) {
    if (program.positionals() == Positionals.PATTERN_THEN_PATHS) {
      // a pattern option anywhere (grep FILE -e PATTERN) makes every positional a path
      Scan probe = new Scan();
      scan(program, args, probe, false);
      scan.patternGiven = probe.patternGiven;
    }
    scan(program, args, scan, false);
  }

  /**
   * Reads arguments option by option.
   *
   * @return the index of the first positional when {@code stopAtPositional}, else the size
   */
  private static int scan(Program program, List<String> args, Scan scan,
      boolean stopAtPositional) {
    boolean expectPattern =
        program.positionals() == Positionals.PATTERN_THEN_PATHS && !scan.patternGiven;
    boolean onlyPositionals = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!onlyPositionals && !program.words() && a.equals("--")) {
        if (program.trailing().isPresent()) {
          scan(program.trailing().get(), args.subList(i + 1, args.size()), scan, false);
          return args.size();
        }
        onlyPositionals = true;
        continue;
      }
      if (onlyPositionals || !isOption(program, a)) {
        if (stopAtPositional) {
          return i;
        }
        if (expectPattern) {
          expectPattern = false;
        } else {
          positional(program, a, scan);
        }
        continue;
      }
      if (program.words()) {
        i = word(program, args, i, scan);
      } else if (a.startsWith("--")) {
        i = longOption(program, args, i, scan);
      } else {
        i = shortOptions(program, args, i, scan);
      }
      if (scan.patternGiven) {
        expectPattern = false;
      }
    }
    return args.size();
  }

  private static boolean isOption(Program program, String a) {
    if (program.words() && Set.of("(", ")", "!", ",").contains(a)) {
      return true;
    }
    return a.length() > 1 && a.startsWith("-");
  }

  private static int word(Program program, List<String> args, int i, Scan scan) {
    String a = args.get(i);
    String reason = program.denied().get(a);
    if (reason != null) {
      scan.deny(program.name() + " " + a + " " + reason);
      return i;
    }
    Opt opt = program.options().get(a);
    if (opt == null) {
      scan.deny(unknownOption(program, a));
      return i;
    }
    return takeValue(program, a, opt, null, args, i, scan);
  }

  private static int longOption(Program program, List<String> args, int i, Scan scan) {
    String a = args.get(i);
    int eq = a.indexOf('=');
    String name = eq < 0 ? a : a.substring(0, eq);
    String inline = eq < 0 ? null : a.substring(eq + 1);
    String reason = program.denied().get(name);
    if (reason != null) {
      scan.deny(program.name() + " " + name + " " + reason);
      return i;
    }
    Opt opt = program.options().get(name);
    if (opt == null) {
      Optional<String> full = abbreviated(program, name);
      if (full.isPresent()) {
        scan.deny("'" + name + "' abbreviates '" + full.get() + "'; write options in full.");
      } else if (program.closed()) {
        scan.deny(unknownOption(program, name));
      } else if (inline != null) {
        checkPath(inline, scan); // an option this policy does not know keeps paths inside too
      }
      return i;
    }
    return takeValue(program, name, opt, inline, args, i, scan);
  }

  /** GNU tools accept unambiguous abbreviations: {@code sort --out=x} is {@code --output}. */
  private static Optional<String> abbreviated(Program program, String name) {
    if (name.length() < 3) {
      return Optional.empty();
    }
    List<String> known = new ArrayList<>(program.denied().keySet());
    known.addAll(program.options().keySet());
    return known.stream()
        .filter(k -> k.startsWith("--") && k.length() > name.length() && k.startsWith(name))
        .sorted()
        .findFirst();
  }

  private static int shortOptions(Program program, List<String> args, int i, Scan scan) {
    String a = args.get(i);
    for (int j = 1; j < a.length(); j++) {
      String key = "-" + a.charAt(j);
      String reason = program.denied().get(key);
      if (reason != null) {
        scan.deny(program.name() + " " + key + " " + reason);
        return i;
      }
      Opt opt = program.options().get(key);
      if (opt == null) {
        if (program.closed()) {
          scan.deny(unknownOption(program, a));
          return i;
        }
        continue; // a flag this policy does not know
      }
      if (opt.takesValue) {
        String inline = j + 1 < a.length() ? a.substring(j + 1) : null;
        return takeValue(program, key, opt, inline, args, i, scan);
      }
      mark(opt, scan);
    }
    return i;
  }

  /** Checks the value of an option (inline, or the next argument); returns the last index used. */
  private static int takeValue(Program program, String name, Opt opt, String inline,
      List<String> args, int i, Scan scan) {
    if (!opt.takesValue) {
      mark(opt, scan);
      if (inline != null) {
        checkPath(inline, scan);
      }
      return i;
    }
    if (inline != null) {
      checkValue(program, name, opt, inline, scan);
      return i;
    }
    if (i + 1 >= args.size()) {
      return i; // the value is missing: the program itself will say so
    }
    String value = args.get(i + 1);
    checkValue(program, name, opt, value, scan);
    // getopt takes "-x" as the value, clap takes it as the next option: read it both ways
    return isOption(program, value) ? i : i + 1;
  }

  private static void checkValue(Program program, String name, Opt opt, String value, Scan scan) {
    switch (opt) {
      case PATTERN:
        scan.patternGiven = true;
        break;
      case PATTERN_FILE:
        scan.patternGiven = true;
        checkPath(value, scan);
        break;
      case PATH:
        checkPath(value, scan);
        break;
      case TRIPLE:
        if (!TRIPLE.matcher(value).matches() || value.endsWith(".json")) {
          scan.deny("'" + value + "' is not a target triple (such as x86_64-unknown-linux-gnu)."
              + " Target spec files are not allowed, as they can name a linker: use an installed"
              + " target by its triple.");
        }
        break;
      case CODEGEN: {
        int eq = value.indexOf('=');
        String key = (eq < 0 ? value : value.substring(0, eq)).strip().replace('_', '-');
        String reason = Programs.DENIED_CODEGEN.get(key);
        if (reason != null) {
          scan.deny(program.name() + " " + name + " " + key + " " + reason);
        } else if (eq >= 0 && Programs.PATH_CODEGEN_KEYS.contains(key)) {
          checkPath(value.substring(eq + 1), scan);
        }
        break;
      }
      case EMIT:
        for (String part : value.split(",")) {
          checkAfterEquals(part, scan);
        }
        break;
      case PRINT:
      case EXTERN:
        checkAfterEquals(value, scan);
        break;
      case LIB_PATH: {
        int eq = value.indexOf('=');
        checkPath(eq < 0 ? value : value.substring(eq + 1), scan);
        break;
      }
      case FMT_EMIT:
        if (STDOUT_EMITS.contains(value)) {
          scan.readOnly = true;
        }
        break;
      default:
        break;
    }
  }

  private static void checkAfterEquals(String value, Scan scan) {
    int eq = value.indexOf('=');
    if (eq >= 0) {
      checkPath(value.substring(eq + 1), scan);
    }
  }

  private static void mark(Opt opt, Scan scan) {
    if (opt == Opt.READ_ONLY) {
      scan.readOnly = true;
    } else if (opt == Opt.WRITES) {
      scan.writes = true;
    }
  }

  private static void positional(Program program, String a, Scan scan) {
    if (program.positionals() == Positionals.COMPILER_INPUTS && a.startsWith("@")) {
      scan.deny(Programs.ARG_FILE);
      return;
    }
    checkPath(a, scan);
  }

  private static void checkPath(String path, Scan scan) {
    pathProblem(path).ifPresent(scan::deny);
  }

  /** Why a path argument leaves the tree, or empty when it stays inside. */
  static Optional<String> pathProblem(String path) {
    if (path.startsWith("/")) {
      return Optional.of("The path '" + path + "' is absolute. " + Programs.INSIDE);
    }
    if (path.startsWith("~")) {
      return Optional.of("The path '" + path + "' starts with '~' (a home directory). "
          + Programs.INSIDE);
    }
    int depth = 0;
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        depth--;
        if (depth < 0) {
          return Optional.of("The path '" + path + "' leaves the repository through '..'. "
              + Programs.INSIDE);
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return Optional.empty();
  }

  /** Why an argument's text is refused: too long, or a control or invisible character. */
  static Optional<String> textProblem(String arg, int index) {
    String which = index == 0 ? "The program name" : "Argument " + index;
    if (arg == null) {
      return Optional.of(which + " is missing (null).");
    }
    if (arg.length() > MAX_ARG_CHARS) {
      return Optional.of(which + " is " + arg.length() + " characters long; the limit is "
          + MAX_ARG_CHARS + ". Send shorter arguments.");
    }
    for (int k = 0; k < arg.length(); ) {
      int cp = arg.codePointAt(k);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE || type == Character.PRIVATE_USE
          || type == Character.UNASSIGNED) {
        return Optional.of(which + " contains the invisible or control character "
            + String.format("U+%04X", cp) + "; arguments must be plain text (write a tab or a"
            + " newline in a pattern as \\t or \\n where the program understands it).");
      }
      k += Character.charCount(cp);
    }
    return Optional.empty();
  }

  private static String unknownOption(Program program, String option) {
    Set<String> allowed = new TreeSet<>(program.options().keySet());
    return "'" + option + "' is not an option " + program.name() + " may use here. Allowed: "
        + String.join(" ", allowed) + ".";
  }

  private String allowedPrograms() {
    List<String> names = new ArrayList<>();
    for (String name : programs.keySet()) {
      names.add(name.equals("cargo")
          ? "cargo (" + String.join(", ", cargoSubcommands.keySet()) + ")"
          : name);
    }
    return String.join(", ", names);
  }
}
