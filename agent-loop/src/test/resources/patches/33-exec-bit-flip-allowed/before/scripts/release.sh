#!/bin/sh
# Tags and publishes the crate. Run from the repository root.
set -eu
version="$(cargo pkgid | cut -d# -f2)"
cargo publish --dry-run
echo "ready to tag v$version"
