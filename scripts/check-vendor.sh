#!/usr/bin/env bash
# Fails when a crate patched from vendor/ is not the one cargo builds. `[patch.crates-io]` only
# replaces the version it names: after a `cargo update` past it, cargo takes the crates.io release
# and says no more than a warning ("Patch `tachys …` was not used in the crate graph"), and the
# backported fix (vendor/README.md) is silently gone. This reads cargo's own resolution of the
# workspace (`cargo metadata`, about a second) and checks that every copy of each vendored crate
# in the graph is the folder under vendor/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

metadata="$(cargo metadata --format-version 1 --quiet)" || die "cargo metadata failed"

status=0
for manifest in vendor/*/Cargo.toml; do
  dir="$ROOT/${manifest%/Cargo.toml}"
  name="$(awk -F'"' '/^name = /{print $2; exit}' "$manifest")"
  version="$(awk -F'"' '/^version = /{print $2; exit}' "$manifest")"
  # Every package of that name in the resolved graph, as "version manifest-directory".
  used="$(jq -r --arg name "$name" '
      (.resolve.nodes | map(.id)) as $ids
      | .packages[]
      | select(.name == $name and (.id as $id | $ids | index($id)))
      | "\(.version) \(.manifest_path | rtrimstr("/Cargo.toml"))"' <<<"$metadata")"
  if [ -z "$used" ]; then
    echo "vendor: $name is not in the crate graph any more: remove $manifest and its [patch.crates-io] line" >&2
    status=1
  elif [ "$used" != "$version $dir" ]; then
    {
      echo "vendor: cargo does not build $name from vendor/ (the patch is $name $version)."
      echo "  $name in the crate graph:"
      sed 's/^/    /' <<<"$used"
      echo "  A newer $name (after a \`cargo update\`) leaves the patch and its fix (vendor/README.md)"
      echo "  out: go back to the Cargo.lock that took $name $version, or port the fix to the new"
      echo "  version in vendor/, or drop the patch if the release WASM keeps within wasm-budget.txt"
      echo "  without it."
    } >&2
    status=1
  else
    echo "vendor: $name $version is built from ${dir#"$ROOT"/}"
  fi
done
exit "$status"
