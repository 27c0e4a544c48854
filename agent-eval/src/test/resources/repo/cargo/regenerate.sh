#!/usr/bin/env bash
# Regenerates the golden cargo output in this directory from the folder-format tasks in ../folder:
# the two cargo calls the named-tests gate makes (the listing with JSON diagnostics, then the run),
# stderr merged into stdout, with the tasks' test names as filters. Paths are rewritten to the
# sandbox's (/workspace for the crate, /target for the target directory).
# Not run by the build; run it by hand after a toolchain upgrade and review the diff.
# Each case directory gets list.txt, run.txt (when the tests compile) and exit codes in exit.txt.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TASKS="$HERE/../folder"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
unset RUST_BACKTRACE

filters() { # task
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); print("\n".join(t["fail_to_pass"] + t.get("pass_to_pass", [])))' "$TASKS/$1/tests.json"
}

record() { # case task patches...
  local case="$1" task="$2"; shift 2
  rm -rf "$W/crate" "$HERE/$case" && mkdir -p "$HERE/$case"
  cp -r "$TASKS/$task/repo" "$W/crate"
  for p in "$@"; do (cd "$W/crate" && git apply "$TASKS/$task/$p"); done
  mapfile -t names < <(filters "$task")
  scrub() { sed -e "s#$W/crate#/workspace#g" -e "s#$W/target#/target#g"; }
  (cd "$W/crate" && CARGO_TARGET_DIR="$W/target" cargo test --frozen --workspace \
      --message-format=json --no-fail-fast -- --list "${names[@]}" 2>&1) | scrub > "$HERE/$case/list.txt"
  local list=${PIPESTATUS[0]}
  echo "list $list" > "$HERE/$case/exit.txt"
  if [ "$list" -eq 0 ]; then
    (cd "$W/crate" && CARGO_TARGET_DIR="$W/target" cargo test --frozen --workspace \
        --no-fail-fast -- "${names[@]}" 2>&1) | scrub > "$HERE/$case/run.txt"
    echo "run ${PIPESTATUS[0]}" >> "$HERE/$case/exit.txt"
  fi
}

export RUSTFLAGS=-Awarnings
record whitespace-empty word-count-whitespace test.patch
record whitespace-gold word-count-whitespace gold.patch test.patch
record line-count-empty line-count test.patch
