#!/usr/bin/env bash
# Regenerates the golden files in this directory from the fixture crates under fixtures/.
# Needs cargo (stable and nightly) and crates.io for criterion and loom. Absolute temp paths are
# rewritten: the crate under test becomes /work, other crates /deps/<name>.
# Not run by the build; run it by hand after a toolchain upgrade and review the diff (tests quote
# thread ids and timings from these files, so expect to update them).
# Usage: regenerate.sh [diagnostics] [tests] [loom] [miri] [criterion]   (no argument: all)
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
cp -r "$HERE/fixtures/." "$W/"
unset RUST_BACKTRACE LOOM_LOG LOOM_LOCATION

scrub() { # crate
  sed -e "s#$W/$1#/work#g" -e "s#$W/#/deps/#g"
}

run() { # case file crate command...
  local case="$1" file="$2" crate="$3"; shift 3
  mkdir -p "$HERE/$case"
  (cd "$W/$crate" && "$@") 2>&1 | scrub "$crate" > "$HERE/$case/$file"
}

stdout_only() { # case file crate command...
  local case="$1" file="$2" crate="$3"; shift 3
  mkdir -p "$HERE/$case"
  (cd "$W/$crate" && "$@") 2>/dev/null | scrub "$crate" > "$HERE/$case/$file"
}

diagnostics() { # cargo's diagnostics as JSON lines (stdout only, as a gate reads them).
stdout_only build_errors stdout.jsonl diag cargo build --message-format=json
stdout_only clippy_denied stdout.jsonl lint cargo clippy --all-targets --message-format=json -- -D warnings
touch "$W/lint/src/lib.rs"
stdout_only clippy_warnings stdout.jsonl lint cargo clippy --all-targets --message-format=json
}

tests() { # cargo test: the listing first, then the run; stderr merged into stdout (2>&1).
cargo build --tests --manifest-path "$W/acct/Cargo.toml" -q 2>/dev/null
run test_exit list.txt acct cargo test --no-fail-fast -- --list
run test_exit run.txt acct cargo test --no-fail-fast
run test_forged list.txt forge cargo test --no-fail-fast -- --list
run test_forged run.txt forge cargo test --no-fail-fast
run test_forged run_serial.txt forge cargo test --no-fail-fast -- --test-threads=1
run test_failures list.txt misc cargo test --no-fail-fast -- --list
run test_failures run.txt misc env RUST_BACKTRACE=1 cargo test --no-fail-fast
run test_workspace list.txt ws cargo +nightly test --no-fail-fast -- --list
run test_workspace run.txt ws cargo +nightly test --no-fail-fast
}

loom() { # an ordering bug and an UnsafeCell race, plain and with loom's log and locations.
run loom_failure run.txt loomy env RUSTFLAGS="--cfg loom" cargo test --release --no-fail-fast --test model
run loom_log run.txt loomy env RUSTFLAGS="--cfg loom" LOOM_LOG=info LOOM_LOCATION=1 \
  cargo test --release --no-fail-fast --test model
}

miri() { # Miri is not installed here: what each way of asking for it prints.
run miri_unavailable stable.txt misc cargo miri test
run miri_unavailable nightly.txt misc cargo +nightly miri test
SYSROOT="$(rustc --print sysroot)"
mkdir -p "$W/empty-cargo-home"
run miri_unavailable no_such_command.txt misc env CARGO_HOME="$W/empty-cargo-home" \
  PATH="$SYSROOT/bin:/usr/bin:/bin" "$SYSROOT/bin/cargo" miri test
}

criterion() { # two runs, the first saved as baseline "before", the second with a larger input.
run criterion bench-1.txt bench cargo bench --bench parse -- --warm-up-time 0.2 --measurement-time 0.5 \
  --save-baseline before
sed -i 's/repeat(200)/repeat(260)/' "$W/bench/benches/parse.rs"
run criterion bench-2.txt bench cargo bench --bench parse -- --warm-up-time 0.2 --measurement-time 0.5
rm -rf "$HERE/criterion/target"
(cd "$W/bench" && find target/criterion -path '*/new/*.json' -o -path '*/base/*.json' \
  -o -path '*/before/*.json' | grep -E '/(estimates|benchmark)\.json$' | while read -r f; do
    mkdir -p "$HERE/criterion/$(dirname "$f")"; cp "$f" "$HERE/criterion/$f"; done)
}

for section in "${@:-diagnostics tests loom miri criterion}"; do
  for s in $section; do "$s"; done
done
