# Shared settings of the project's scripts (sourced, not run).
# One cargo target directory for every step and every run, outside the clone so a fresh clone
# (and CI) reuses what an earlier run built.
export PORTAL_CACHE="${PORTAL_CACHE:-$HOME/.cache/interview-portal}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PORTAL_CACHE/target}"
export PATH="$HOME/.cargo/bin:$PORTAL_CACHE/tools/node_modules/.bin:$PATH"
# leptos_config reads LEPTOS_OUTPUT_NAME with option_env!, so cargo rebuilds it (and all of
# Leptos) whenever the variable changes. cargo-leptos sets it; setting it for every cargo call
# keeps clippy, cargo test and cargo leptos on one cache.
export LEPTOS_OUTPUT_NAME=interview-portal
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

step() { printf '\n==> %s\n' "$*"; }

# `phase NAME COMMAND…`: runs a step and records how long it took in $PHASES_FILE (when set),
# so `make test` can print each phase's time at the end.
phase() {
  local name="$1" started
  shift
  step "$name"
  [ -z "${CURRENT_PHASE_FILE:-}" ] || echo "$name" >"$CURRENT_PHASE_FILE"
  started=$(date +%s)
  "$@"
  [ -z "${PHASES_FILE:-}" ] || printf '%s\t%s\n' "$(( $(date +%s) - started ))" "$name" >>"$PHASES_FILE"
}
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

# `answers URL SECONDS`: waits until URL answers with success (a self-signed certificate is
# accepted: the proxy's tests), at most SECONDS; whether it did.
answers() {
  local tries=$(( $2 * 4 ))
  for _ in $(seq 1 "$tries"); do
    curl -fsk "$1" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# `apt_install PACKAGE…`: Debian packages, as root or through sudo.
apt_install() {
  step "installing $* with apt"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}
