/**
 * The command policy for Rust work: which commands a model may run, read from the argument vector
 * alone. Start from {@link dev.ratchet.sandbox.policy.CommandPolicies#rust()}; customise with
 * {@link dev.ratchet.sandbox.policy.CommandPolicies#builder()}.
 *
 * <h2>The rules</h2>
 *
 * <ul>
 *   <li><b>Programs</b> are an allowlist, named without a path: {@code cargo}, {@code rustc},
 *       {@code rustfmt}, {@code clippy-driver}, {@code rustdoc}, and the read-only viewers {@code
 *       ls cat head tail wc grep find diff cmp tree file stat sort uniq}, plus what the operator
 *       adds. Anything else is refused with the list of allowed programs. Shells ({@code sh},
 *       {@code bash}...), launchers ({@code env}, {@code xargs}, {@code timeout}...),
 *       interpreters ({@code python}, {@code awk}, {@code sed}...), programs that change files
 *       ({@code rm}, {@code cp}, {@code tee}...), network tools and {@code git} are refused by
 *       name with a reason, and cannot be added: a model never gets a shell.
 *   <li><b>Arguments</b> are plain text: no control or invisible characters (NUL, newline, bidi
 *       overrides, zero-width), at most 8192 characters each and 512 in all.
 *   <li><b>Paths</b> (positional arguments of the viewers and of cargo, and the values of path
 *       options such as {@code --manifest-path}, {@code --target-dir}, {@code -o}, {@code
 *       --out-dir}, {@code -L}, {@code --extern name=PATH}, {@code grep -f}) are relative and stay
 *       inside the tree: no leading {@code /} or {@code ~}, no {@code ..} that climbs above the
 *       root. A pattern ({@code grep PATTERN}, {@code find -name}) is not a path. The policy does
 *       not look at the file system: a symlink in the tree that points outside is the sandbox's
 *       concern (inside a container it points into the container).
 *   <li><b>cargo</b>: {@code build check test bench run clippy doc tree metadata} and the
 *       inspection commands ({@code locate-project pkgid verify-project read-manifest version
 *       help}) read the tree; {@code fmt}, {@code fix}, {@code new}, {@code init} and {@code
 *       clippy --fix} write it (unless {@code --check}); {@code clean} needs approval (it throws
 *       the build cache away). Refused with a reason: {@code install uninstall publish login
 *       logout owner yank package add remove update generate-lockfile fetch vendor search info
 *       rustc rustdoc config report}, and unknown subcommands. Anywhere on the line: {@code
 *       --config} (any form: it can turn the network on or replace the runner, linker or
 *       rustc-wrapper), {@code -Z} (any form, also inside short-option clusters), {@code
 *       --registry}, {@code --index}, {@code --token}, and {@code --target} values that are not
 *       plain triples (a target spec file can name a linker). A {@code +toolchain} first argument
 *       is fine. Arguments after {@code --} are read as the tool they go to: rustc's rules for
 *       {@code cargo clippy --}, rustfmt's for {@code cargo fmt --}, paths for test and run
 *       binaries.
 *   <li><b>rustc, clippy-driver, rustdoc</b> take only options this policy knows (an allowlist):
 *       {@code -C linker=}, {@code link-arg(s)}, {@code linker-flavor}, {@code llvm-args} and the
 *       like are refused; {@code -Z} and {@code @argfile} are refused; outputs ({@code -o},
 *       {@code --out-dir}, {@code --emit kind=PATH}, {@code --print what=PATH}) stay in the tree;
 *       rustdoc's doctest runners ({@code --test-builder}, {@code --runtool}) are refused.
 *   <li><b>Viewers</b>: options that write files, run programs or never end are refused ({@code
 *       find -exec -execdir -ok -delete -fprint -fls -L}; {@code sort -o -T
 *       --compress-program}; {@code tree -o -R -l}; {@code tail -f}; {@code file -C}; {@code grep
 *       -R}); {@code find} takes only the tests and actions this policy knows. GNU tools accept
 *       abbreviated long options ({@code sort --out} is {@code --output}), so an abbreviation of
 *       an option this policy knows is refused: write options in full.
 * </ul>
 *
 * <h2>Commands that write the tree</h2>
 *
 * <p>By default ({@link dev.ratchet.sandbox.policy.CommandPolicies.TreeWrites#ALLOW}) {@code cargo
 * fmt} and {@code cargo fix} are allowed with {@code writesTree = true}. They are not given the
 * work tree: the loop runs them on a scratch copy and brings the changes back as one edit through
 * the workspace, so the path guard refuses a {@code .cargo/config.toml} or a symlink they create as
 * it refuses a model's edit, and the gates judge the result (a worse result is rolled back). That
 * makes them no more dangerous than an edit, and asking a person each time would only slow the
 * loop. {@code ASK} sends them to the approver instead; {@code REFUSE} tells the model to run
 * {@code --check} and send an edit.
 *
 * <p>{@code cargo run} and {@code cargo bench} are allowed read-only: they run code of the tree,
 * as {@code cargo test} does, inside the sandbox with no network and the tree read-only.
 *
 * <p>Every refusal says what is not allowed and what the model may do instead.
 */
package dev.ratchet.sandbox.policy;
