package dev.ratchet.sandbox.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.sandbox.CommandPolicy;
import dev.ratchet.sandbox.CommandVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RustCommandPolicyTest {
  static final CommandPolicy RUST = CommandPolicies.rust();

  static List<String> argv(String line) {
    return List.of(line.split(" "));
  }

  static String denial(CommandPolicy policy, List<String> argv) {
    CommandVerdict verdict = policy.check(argv);
    assertThat(verdict).as("verdict for %s", argv).isInstanceOf(CommandVerdict.Deny.class);
    return ((CommandVerdict.Deny) verdict).reason();
  }

  static Stream<String> readOnlyCommands() {
    return Stream.of(
        "cargo build",
        "cargo check --all-targets --message-format json",
        "cargo test",
        "cargo t -p mycrate -- --nocapture --test-threads=1",
        "cargo +nightly test",
        "cargo +1.80.0 build --release",
        "cargo --offline -v test --locked",
        "cargo test --manifest-path crates/core/Cargo.toml",
        "cargo test --manifest-path=./crates/../Cargo.toml",
        "cargo build --target-dir target/other",
        "cargo build --target x86_64-unknown-linux-gnu",
        "cargo clippy --all-targets -- -D warnings -W clippy::pedantic",
        "cargo doc --no-deps",
        "cargo tree -e features -i serde",
        "cargo metadata --format-version 1 --no-deps",
        "cargo fmt --check",
        "cargo fmt -- --check",
        "cargo bench --no-run",
        "cargo run --bin demo -- --flag value",
        "cargo --version",
        "cargo --explain E0382",
        "cargo",
        "cargo help test",
        "rustc --explain E0502",
        "rustc --edition 2021 --crate-type lib -C opt-level=3 src/lib.rs --out-dir target/x",
        "rustc -Copt-level=2 --emit=metadata,link=target/out.rlib src/lib.rs",
        "rustc +stable --print cfg",
        "rustfmt --check src/lib.rs",
        "rustfmt --emit stdout src/main.rs",
        "rustdoc --test src/lib.rs -L target/debug/deps",
        "clippy-driver --version",
        "ls -la src",
        "ls",
        "cat src/lib.rs Cargo.toml",
        "head -n 20 src/main.rs",
        "tail -n 5 Cargo.lock",
        "wc -l src/lib.rs",
        "grep -rn fn src",
        "grep -r /usr/bin .",
        "grep -e /absolute/pattern -- src/lib.rs",
        "grep -e -v src/lib.rs",
        "head -n -5 src/lib.rs",
        "find . -name *.rs -type f",
        "find src -path ./src/bin/* -print",
        "find . ( -name a -o -name b ) -maxdepth 2",
        "diff -u src/a.rs src/b.rs",
        "tree -L 2 src",
        "file Cargo.toml",
        "stat -c %s src/lib.rs",
        "sort -u Cargo.toml",
        "uniq -c Cargo.lock",
        "cmp src/a.rs src/b.rs",
        "cat 日本語/ファイル.rs");
  }

  @ParameterizedTest
  @MethodSource("readOnlyCommands")
  void check_allowsReadOnly_whenCommandOnlyReads(String line) {
    assertThat(RUST.check(argv(line))).isEqualTo(CommandVerdict.allow());
  }

  static Stream<String> treeWritingCommands() {
    return Stream.of(
        "cargo fmt",
        "cargo fmt --all",
        "cargo +nightly fmt -- src/lib.rs",
        "cargo fix --allow-no-vcs",
        "cargo clippy --fix --allow-no-vcs -- -D warnings",
        "cargo new crates/helper --lib",
        "cargo init",
        "rustfmt src/lib.rs",
        "rustfmt --edition 2021 src/lib.rs");
  }

  @ParameterizedTest
  @MethodSource("treeWritingCommands")
  void check_allowsWritingTree_whenCommandChangesFiles(String line) {
    assertThat(RUST.check(argv(line))).isEqualTo(CommandVerdict.allowWritingTree());
  }

  static Stream<Arguments> refusedCommands() {
    return Stream.of(
        Arguments.of("cargo --config net.offline=false build", "--config is not allowed"),
        Arguments.of("cargo build --config net.offline=false", "--config is not allowed"),
        Arguments.of("cargo build --config=build.rustc-wrapper=\"x\"", "--config is not allowed"),
        Arguments.of("cargo test --conf x", "abbreviates '--config'"),
        Arguments.of("cargo build -p --config net.offline=false", "--config is not allowed"),
        Arguments.of("cargo build -j --config=x", "--config is not allowed"),
        Arguments.of("cargo -Zunstable-options build", "-Z is not allowed"),
        Arguments.of("cargo build -Z build-std", "-Z is not allowed"),
        Arguments.of("cargo build -vZbuild-std", "-Z is not allowed"),
        Arguments.of("cargo install ripgrep", "cargo install adds or removes programs"),
        Arguments.of("cargo publish", "registry"),
        Arguments.of("cargo login token", "registry"),
        Arguments.of("cargo owner --add x", "registry"),
        Arguments.of("cargo yank --version 1.0.0", "registry"),
        Arguments.of("cargo add serde", "edit Cargo.toml"),
        Arguments.of("cargo update", "network"),
        Arguments.of("cargo rustc -- -C linker=/bin/sh", "cargo build"),
        Arguments.of("cargo frobnicate", "'cargo frobnicate' is not an allowed cargo command"),
        Arguments.of("cargo --manifest-path ../x/Cargo.toml test", "leaves the repository"),
        Arguments.of("cargo test --manifest-path ../x/Cargo.toml", "leaves the repository"),
        Arguments.of("cargo test --manifest-path=/etc/Cargo.toml", "is absolute"),
        Arguments.of("cargo test --manifest-path src/../../Cargo.toml", "leaves the repository"),
        Arguments.of("cargo build --target-dir /tmp/t", "is absolute"),
        Arguments.of("cargo build --target-dir ~/t", "starts with '~'"),
        Arguments.of("cargo build --target ../evil.json", "not a target triple"),
        Arguments.of("cargo build --target evil.json", "not a target triple"),
        Arguments.of("cargo new ../outside", "leaves the repository"),
        Arguments.of("cargo init /tmp/x", "is absolute"),
        Arguments.of("cargo build --registry evil", "--registry is not allowed"),
        Arguments.of("cargo doc --open", "--open starts a browser"),
        Arguments.of("cargo test -- --logfile /tmp/log", "is absolute"),
        Arguments.of("cargo run -- ../../etc/passwd", "leaves the repository"),
        Arguments.of("cargo +../x build", "not a toolchain name"),
        Arguments.of("cargo clippy -- -C linker=/bin/sh", "-C linker is not allowed"),
        Arguments.of("cargo clippy -- -Zunpretty=expanded", "-Z is not allowed"),
        Arguments.of("cargo fmt -- ../other/src/lib.rs", "leaves the repository"),
        Arguments.of("cargo fmt -- --config-path /etc/rustfmt.toml", "is absolute"),
        Arguments.of("rustc -C linker=/bin/sh src/main.rs", "-C linker is not allowed"),
        Arguments.of("rustc -Clink-arg=-fuse-ld=/tmp/x src/main.rs", "link-arg is not allowed"),
        Arguments.of("rustc --codegen=link_args=-Wl src/main.rs", "link-args is not allowed"),
        Arguments.of("rustc -C llvm-args=-x src/main.rs", "llvm-args is not allowed"),
        Arguments.of("rustc -o /tmp/x src/main.rs", "is absolute"),
        Arguments.of("rustc --out-dir ../out src/main.rs", "leaves the repository"),
        Arguments.of("rustc --emit=link=/tmp/x src/main.rs", "is absolute"),
        Arguments.of("rustc --print cfg=/tmp/cfg", "is absolute"),
        Arguments.of("rustc --extern foo=/usr/lib/libfoo.rlib src/lib.rs", "is absolute"),
        Arguments.of("rustc -L/usr/lib src/lib.rs", "is absolute"),
        Arguments.of("rustc -L native=../lib src/lib.rs", "leaves the repository"),
        Arguments.of("rustc -C incremental=/tmp/inc src/lib.rs", "is absolute"),
        Arguments.of("rustc @args.txt", "Argument files"),
        Arguments.of("rustc -Zunpretty=expanded src/lib.rs", "-Z is not allowed"),
        Arguments.of("rustc --target ../spec.json src/lib.rs", "not a target triple"),
        Arguments.of("rustc --frobnicate src/lib.rs", "is not an option rustc may use"),
        Arguments.of("rustc /etc/passwd", "is absolute"),
        Arguments.of("rustdoc --test-builder /bin/sh src/lib.rs", "runs another program"),
        Arguments.of("rustdoc --runtool sh src/lib.rs", "runs another program"),
        Arguments.of("rustfmt /etc/passwd", "is absolute"),
        Arguments.of("cat ../../etc/passwd", "leaves the repository"),
        Arguments.of("cat /etc/passwd", "is absolute"),
        Arguments.of("cat ~/.ssh/id_rsa", "starts with '~'"),
        Arguments.of("cat src/../../secret", "leaves the repository"),
        Arguments.of("head -n 5 /etc/shadow", "is absolute"),
        Arguments.of("ls /", "is absolute"),
        Arguments.of("ls ..", "leaves the repository"),
        Arguments.of("grep -r foo /", "is absolute"),
        Arguments.of("grep foo -r /etc", "is absolute"),
        Arguments.of("grep /etc/passwd -e root", "is absolute"),
        Arguments.of("grep -f /etc/patterns src", "is absolute"),
        Arguments.of("grep -R foo .", "Use -r instead"),
        Arguments.of("find . -exec rm {} ;", "find -exec runs another program"),
        Arguments.of("find . -execdir sh -c x ;", "find -execdir runs another program"),
        Arguments.of("find . -ok rm {} ;", "find -ok runs another program"),
        Arguments.of("find . -delete", "find -delete deletes files"),
        Arguments.of("find . -fprint /tmp/x", "find -fprint writes to a file"),
        Arguments.of("find -L . -name x", "find -L follows symbolic links"),
        Arguments.of("find / -name passwd", "is absolute"),
        Arguments.of("find . -newer /etc/passwd", "is absolute"),
        Arguments.of("find . -frobnicate", "is not an option find may use"),
        Arguments.of("sort -o out.txt Cargo.toml", "sort -o writes"),
        Arguments.of("sort -uo out.txt Cargo.toml", "sort -o writes"),
        Arguments.of("sort --compress-program=sh Cargo.toml", "runs another program"),
        Arguments.of("sort --out=x Cargo.toml", "abbreviates '--output'"),
        Arguments.of("sort --files0-from=/etc/list", "is absolute"),
        Arguments.of("tail -f Cargo.lock", "never ends"),
        Arguments.of("tail --fol Cargo.lock", "abbreviates '--follow'"),
        Arguments.of("tree -o out.txt", "writes its output"),
        Arguments.of("tree -l", "follows symbolic links"),
        Arguments.of("file -C -m x", "compiled magic"),
        Arguments.of("wc --files0-from=../list", "leaves the repository"),
        Arguments.of("diff --to-file=/etc/passwd src/a.rs", "is absolute"),
        Arguments.of("sh -c cargo test", "sh is a shell"),
        Arguments.of("bash -lc ls", "bash is a shell"),
        Arguments.of("env VAR=1 cargo test", "env runs another program"),
        Arguments.of("xargs cat", "xargs runs another program"),
        Arguments.of("timeout 5 cargo test", "timeout runs another program"),
        Arguments.of("python3 -c print(1)", "runs scripts"),
        Arguments.of("sed -i s/a/b/ src/lib.rs", "sed runs scripts"),
        Arguments.of("awk {print} Cargo.toml", "awk runs scripts"),
        Arguments.of("rm -rf /", "rm changes files"),
        Arguments.of("tee src/lib.rs", "tee changes files"),
        Arguments.of("curl http://example.com", "reaches the network"),
        Arguments.of("git status", "git belongs to the loop"),
        Arguments.of("rustup toolchain install nightly", "cargo +NAME"),
        Arguments.of("/bin/cat src/lib.rs", "without a path"),
        Arguments.of("./target/debug/app", "use cargo run"),
        Arguments.of("frobnicate --now", "'frobnicate' is not an allowed program"),
        Arguments.of("Cargo build", "'Cargo' is not an allowed program"),
        Arguments.of("cargo t\u0435st", "is not an allowed cargo command"));
  }

  @ParameterizedTest
  @MethodSource("refusedCommands")
  void check_deniesWithReason_whenCommandIsUnsafe(String line, String expected) {
    assertThat(denial(RUST, argv(line))).contains(expected);
  }

  @Test
  void check_deniesWithAllowedList_whenProgramIsUnknown() {
    String reason = denial(RUST, List.of("frobnicate"));

    assertThat(reason).contains("Allowed programs: cargo (build, ", "rustc", "rustfmt",
        "clippy-driver", "rustdoc", "cat", "grep", "find");
  }

  @Test
  void check_deniesWithAllowedSubcommands_whenCargoSubcommandIsUnknown() {
    assertThat(denial(RUST, List.of("cargo", "frob"))).contains("Allowed: ", "build", "test",
        "clippy", "fmt");
  }

  @Test
  void check_explainsArgumentVectors_whenTheCommandIsOneString() {
    assertThat(denial(RUST, List.of("cargo test --lib")))
        .contains("separate items", "[\"cargo\", \"test\", \"--lib\"]",
            "never run through a shell");
  }

  @Test
  void check_deniesEmptyCommand() {
    assertThat(denial(RUST, List.of())).contains("empty", "[\"cargo\", \"test\"]");
    assertThat(denial(RUST, List.of(""))).contains("program name is empty");
  }

  @Test
  void check_denies_whenArgumentsHoldControlOrInvisibleCharacters() {
    assertThat(denial(RUST, List.of("cat", "src/lib.rs\0../../etc/passwd")))
        .contains("Argument 1", "U+0000");
    assertThat(denial(RUST, List.of("cat", "src/\u202Esr.bil"))).contains("U+202E");
    assertThat(denial(RUST, List.of("cat", "src/lib\u200B.rs"))).contains("U+200B");
    assertThat(denial(RUST, List.of("grep", "-e", "a\nb", "src"))).contains("U+000A");
    assertThat(denial(RUST, List.of("cargo", "test", "\u001b[2J"))).contains("U+001B");
    assertThat(denial(RUST, List.of("ca\u0000t", "x"))).contains("The program name");
    assertThat(denial(RUST, List.of("cat", "\uD800"))).contains("U+D800");
  }

  @Test
  void check_denies_whenArgumentsAreHuge() {
    assertThat(denial(RUST, List.of("cat", "a".repeat(10_000)))).contains("limit is 8192");
    List<String> many = new ArrayList<>(List.of("cat"));
    many.addAll(Collections.nCopies(600, "src/lib.rs"));
    assertThat(denial(RUST, many)).contains("601 arguments", "limit is 512");
  }

  @Test
  void check_neverThrows_onNullElements() {
    assertThat(denial(RUST, Arrays.asList("cat", null))).contains("missing");
    assertThat(denial(RUST, null)).contains("empty");
  }

  @Test
  void check_needsApproval_forCargoClean() {
    CommandVerdict verdict = RUST.check(argv("cargo clean"));

    assertThat(verdict).isInstanceOf(CommandVerdict.NeedsApproval.class);
    CommandVerdict.NeedsApproval ask = (CommandVerdict.NeedsApproval) verdict;
    assertThat(ask.reason()).contains("build cache");
    assertThat(ask.writesTree()).isFalse();
    assertThat(denial(RUST, argv("cargo clean --target-dir /"))).contains("is absolute");
  }

  @Test
  void treeWritesAsk_sendsWritingCommandsToTheApprover() {
    CommandPolicy ask = CommandPolicies.builder()
        .treeWrites(CommandPolicies.TreeWrites.ASK).build();

    assertThat(ask.check(argv("cargo fmt")))
        .isEqualTo(CommandVerdict.needsApproval("cargo fmt changes files in the repository; its"
            + " changes come back as one edit that the workspace's path guard checks.", true));
    assertThat(ask.check(argv("cargo fmt --check"))).isEqualTo(CommandVerdict.allow());
  }

  @Test
  void treeWritesRefuse_tellsTheModelTheReadOnlyForm() {
    CommandPolicy refuse = CommandPolicies.builder()
        .treeWrites(CommandPolicies.TreeWrites.REFUSE).build();

    assertThat(denial(refuse, argv("cargo fmt"))).contains("Run it with --check");
    assertThat(denial(refuse, argv("cargo clippy --fix"))).contains("without the option that"
        + " writes");
    assertThat(denial(refuse, argv("cargo fix"))).contains("Make the change with an edit");
    assertThat(refuse.check(argv("cargo test"))).isEqualTo(CommandVerdict.allow());
  }

  @Test
  void builder_allowsExtraProgramsAndCargoSubcommands_withPathChecks() {
    CommandPolicy policy = CommandPolicies.builder()
        .allowProgram("tokei")
        .allowCargoSubcommand("nextest")
        .build();

    assertThat(policy.check(argv("tokei src"))).isEqualTo(CommandVerdict.allow());
    assertThat(denial(policy, argv("tokei /"))).contains("is absolute");
    assertThat(policy.check(argv("cargo nextest run"))).isEqualTo(CommandVerdict.allow());
    assertThat(denial(policy, argv("cargo nextest run --config x"))).contains("--config");
    assertThat(denial(policy, argv("frobnicate"))).contains("tokei", "nextest");
    assertThat(denial(RUST, argv("tokei src"))).contains("not an allowed program");
  }

  @Test
  void builder_refusesShellsAndDuplicates() {
    assertThatThrownBy(() -> CommandPolicies.builder().allowProgram("bash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bash' cannot be allowed: bash is a shell");
    assertThatThrownBy(() -> CommandPolicies.builder().allowProgram("env"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandPolicies.builder().allowProgram("/usr/bin/tokei"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare name");
    assertThatThrownBy(() -> CommandPolicies.builder().allowProgram("cat"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowed already");
    assertThatThrownBy(() -> CommandPolicies.builder().allowProgram("tokei").allowProgram("tokei"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("add it once");
    assertThatThrownBy(() -> CommandPolicies.builder().allowCargoSubcommand("install"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be allowed");
    assertThatThrownBy(() -> CommandPolicies.builder()
        .treeWrites(CommandPolicies.TreeWrites.ASK).treeWrites(CommandPolicies.TreeWrites.ALLOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set it once");
  }

  @Test
  void everyRefusal_saysWhatToDoInstead() {
    refusedCommands().map(a -> (String) a.get()[0]).forEach(line -> {
      String reason = denial(RUST, argv(line));
      assertThat(reason).as(line).matches(
          "(?s).*(Use |use |Run |Leave |Send |Change |Delete |Work |Read |write options in full"
              + "|Commands may only|Allowed|List files|Pick |build and test|edit|Name the"
              + "|The loop hands|pass the arguments|Make the change|plain text).*");
    });
  }
}
