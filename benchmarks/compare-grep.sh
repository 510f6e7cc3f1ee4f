#!/usr/bin/env bash
# Benchmark (4): times `nestcheck scan --format json` over a generated fleet against `grep -rl 'vhv.enable'` over
# the same folder, RUNS times each (alternating which goes first), and prints the median wall times and the median
# of the per-run ratios. Target: ratio <= 3. Exits non-zero only when a command fails (not when the target is
# missed), so it can run in CI.
#
# Usage: benchmarks/compare-grep.sh [FILES=100000] [RUNS=5]
# Environment: see lib.sh (NESTCHECK_CMD, NESTCHECK_TARGET, MVN_FLAGS, FLEET_ROOT).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

files="${1:-100000}"
runs="${2:-5}"
build_bench
cli_command
dir="$(fleet "$files")"
out="$(mktemp -d "${TMPDIR:-/tmp}/nestcheck-compare-grep.XXXXXX")"
trap 'rm -rf "$out"' EXIT

scan() {
  local rc=0
  "${nestcheck_cmd[@]}" scan --format json --quiet --no-config "$dir" >"$out/report.json" 2>"$out/scan.err" || rc=$?
  # 0 = clean, 1 = findings at or above --fail-on: both are a complete scan; anything else is a failure
  if [ "$rc" -gt 1 ]; then
    echo "compare-grep: nestcheck scan exited $rc:" >&2
    tail -n 20 "$out/scan.err" >&2
    exit 1
  fi
}

# checks the last report, outside the timed command (grepping a 356 MB report takes seconds of its own)
check_report() {
  if ! grep -Eq "\"targets\" ?: ?$files," "$out/report.json" || ! grep -Eq '"errors" ?: ?0,' "$out/report.json"; then
    echo "compare-grep: the JSON report does not cover $files targets without errors" >&2
    tail -n 20 "$out/report.json" >&2
    exit 1
  fi
}

grepper() {
  local rc=0
  grep -rl 'vhv.enable' "$dir" >"$out/grep.txt" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "compare-grep: grep exited $rc" >&2
    exit 1
  fi
}

# seconds CMD: runs CMD and prints its wall time in seconds
seconds() {
  local t0="$EPOCHREALTIME"
  "$@"
  local t1="$EPOCHREALTIME"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}

machine
echo "fleet: $dir ($files files, $(du -sh "$dir" | cut -f1)); command: ${nestcheck_cmd[*]} scan --format json --quiet --no-config DIR"
echo "warm-up (page cache, not timed)"
scan
check_report
grepper
echo "grep matched $(wc -l <"$out/grep.txt") of $files files"
printf '%-4s %12s %12s %8s\n' run nestcheck_s grep_s ratio
: >"$out/n"
: >"$out/g"
: >"$out/r"
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then
    tn="$(seconds scan)"
    tg="$(seconds grepper)"
  else
    tg="$(seconds grepper)"
    tn="$(seconds scan)"
  fi
  check_report
  r="$(awk -v n="$tn" -v g="$tg" 'BEGIN { printf "%.3f\n", n / g }')"
  echo "$tn" >>"$out/n"
  echo "$tg" >>"$out/g"
  echo "$r" >>"$out/r"
  printf '%-4s %12s %12s %8s\n' "$i" "$tn" "$tg" "$r"
done
mn="$(median <"$out/n")"
mg="$(median <"$out/g")"
mr="$(median <"$out/r")"
met="$(awk -v r="$mr" 'BEGIN { print (r <= 3 ? "met" : "MISSED") }')"
echo "median: nestcheck ${mn} s, grep ${mg} s, ratio ${mr}x (target <= 3x: $met); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
