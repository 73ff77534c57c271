#!/usr/bin/env bash
# The release rush's flame graph (README, "The release-day rush over HTTP"): the server's CPU
# sampled by perf (DWARF call graphs, 499 Hz) for its whole life while
# server/examples/release_rush runs, folded and drawn by inferno into
# docs/flamegraphs/rush-NAME.svg (NAME: PROFILE_NAME, default sqlite), with a summary beside it
# (rush-NAME.txt: the machine's CPU by process over the same time, sampled apart, then the
# server's by thread and its largest frames by their own samples). Arguments go to the
# benchmark: `PROFILE_NAME=postgres bash scripts/rush-profile.sh --database postgres://…`.
# Installs perf (Debian's linux-perf) and inferno (cargo install) when they are missing. Not part
# of `make test`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
name="${PROFILE_NAME:-sqlite}"

if ! command -v perf >/dev/null; then
  apt_install linux-perf
fi
if ! command -v inferno-flamegraph >/dev/null; then
  step "installing inferno 0.12.8 (flame graphs from perf's samples; about 2 minutes, once)"
  cargo install inferno --version 0.12.8 --locked
fi

bash scripts/release-build.sh
step "the benchmark, release build"
cargo build --release -p server --example release_rush
bench="$CARGO_TARGET_DIR/release/examples/release_rush"

out="$(mktemp -d /tmp/rush-profile.XXXXXX)"
trap 'rm -rf "$out"' EXIT
"$bench" "$@" >"$out/rush.log" 2>&1 &
bench_pid=$!
step "waiting for the benchmark to start the server (it makes its world first)"
pid=""
for _ in $(seq 1 1200); do
  pid="$(pgrep -P "$bench_pid" server | head -1 || true)"
  [ -n "$pid" ] && break
  sleep 0.1
done
[ -n "$pid" ] || { cat "$out/rush.log"; die "the benchmark started no server"; }
step "sampling the server (pid $pid) until it stops, and the whole machine beside"
perf record -q -a -F 199 -o "$out/all.data" 2>"$out/perf-all.log" &
all_pid=$!
perf record -q -F 499 --call-graph dwarf,32768 -p "$pid" -o "$out/perf.data" 2>"$out/perf.log" || true
kill -INT "$all_pid" 2>/dev/null || true
wait "$all_pid" || true
wait "$bench_pid" || { cat "$out/rush.log"; die "the benchmark failed"; }
cat "$out/rush.log"
mkdir -p docs/flamegraphs
perf script -i "$out/perf.data" 2>/dev/null | inferno-collapse-perf >"$out/folded"
inferno-flamegraph --title "The server under the release rush ($name): $*" \
  --width 1600 --minwidth 0.5 <"$out/folded" >"docs/flamegraphs/rush-$name.svg"
summary="docs/flamegraphs/rush-$name.txt"
{
  echo "The server under the release rush ($name), $(date -u +%F): release_rush $*"
  grep -E "^(over HTTP|server \()" "$out/rush.log"
  echo
  echo "The machine's CPU by process while the server ran (perf record -a, 199 Hz; idle is swapper):"
  perf script -i "$out/all.data" -F comm,pid 2>/dev/null | awk -v server="$pid" -v bench="$bench_pid" '
    {p=$NF; name=$1; for (i=2; i<NF; i++) name=name " " $i
     if (p==server) name="the server"; else if (p==bench) name="the benchmark (release_rush)"
     n[name]++; total++}
    END {for (k in n) printf "%5.1f %%  %s\n", 100*n[k]/total, k}' | sort -rn | sed -n 1,8p
  echo
  echo "The server's CPU by thread:"
  awk '{n=$NF; split($1, f, ";"); t[f[1]]+=n; total+=n}
    END {for (k in t) printf "%5.1f %%  %s\n", 100*t[k]/total, k}' "$out/folded" | sort -rn
  echo
  echo "Its largest frames by their own samples:"
  awk '{n=$NF; $NF=""; sub(/ $/, ""); k=split($0, f, ";"); own[f[k]]+=n; total+=n}
    END {for (l in own) printf "%5.1f %%  %s\n", 100*own[l]/total, l}' "$out/folded" \
    | sort -rn | sed -n 1,25p
} >"$summary"
step "docs/flamegraphs/rush-$name.svg and $summary:"
cat "$summary"
