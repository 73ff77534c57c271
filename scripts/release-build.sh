#!/usr/bin/env bash
# The release build `make run` serves and `make dist` packages: the server binary
# ($CARGO_TARGET_DIR/release/server), hash.txt beside it, and the site in target/site
# (hashed, precompressed file names).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/setup.sh build
step "release build (cargo leptos build --release --precompress)"
cargo leptos build --release --precompress
