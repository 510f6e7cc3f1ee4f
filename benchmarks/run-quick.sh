#!/usr/bin/env bash
# Quick mode for CI: builds benchmarks.jar if needed, then runs every benchmark for one short iteration on small
# inputs: (1)-(3) and (6) with JMH -f 1 -wi 1 -i 1 -w 1s -r 1s (a 200-file fleet, a 20-VM simulator), (4) with a
# 500-file fleet and 1 run, (5) with a 500-file fleet and -Xmx256m. The figures mean nothing; the script exits
# non-zero only when a benchmark errors (JMH -foe, a failed scan, a failed build).
#
# Usage: benchmarks/run-quick.sh
# Environment: see lib.sh; NESTCHECK_VCSIM=PATH uses that vcsim launcher instead of building it;
#   NESTCHECK_BENCH_SKIP_VSPHERE=1 skips (6) (say so in the CI log: the launcher needs Go + govmomi).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_bench
cli_command
export NESTCHECK_BENCH_NO_BUILD=1
results="$root/benchmarks/$target/quick"
mkdir -p "$results"
rm -f "$results"/*.json
quick=(-f 1 -wi 1 -i 1 -w 1s -r 1s -foe true)
status=0

jmh() {
  local name="$1"
  shift
  log "quick: $name"
  if ! java -jar "$bench_jar" "${quick[@]}" -rf json -rff "$results/$name.json" "$@" >"$results/$name.log" 2>&1; then
    echo "run-quick: benchmark $name FAILED; the end of its log ($results/$name.log):" >&2
    tail -n 40 "$results/$name.log" >&2
    status=1
  fi
}

machine
jmh evaluator 'io.nestcheck.benchmarks.EvaluatorBenchmark' -prof gc
jmh parse 'io.nestcheck.benchmarks.ParseBenchmark'
jmh scan 'io.nestcheck.benchmarks.ScanBenchmark' -p files=200 -p "fleetRoot=$fleet_root"
if [ "${NESTCHECK_BENCH_SKIP_VSPHERE:-0}" = 1 ]; then
  log "quick: vsphere SKIPPED (NESTCHECK_BENCH_SKIP_VSPHERE=1)"
else
  vcsim="${NESTCHECK_VCSIM:-$root/benchmarks/$target/vcsim/nestcheck-vcsim}"
  if [ -z "${NESTCHECK_VCSIM:-}" ]; then
    mkdir -p "$(dirname "$vcsim")"
    if ! sh "$root/sdk-vsphere/src/test/vcsim/build.sh" "$vcsim" >"$results/vcsim-build.log" 2>&1; then
      echo "run-quick: cannot build the vcsim launcher (needs: apt-get install -y golang-go golang-github-vmware-govmomi-dev):" >&2
      tail -n 20 "$results/vcsim-build.log" >&2
      status=1
    fi
  fi
  if [ -x "$vcsim" ]; then
    jmh vsphere 'io.nestcheck.benchmarks.vsphere.VsphereInventoryBenchmark' -p vms=20 -p "vcsim=$vcsim"
  fi
fi
log "quick: compare-grep"
if ! "$root/benchmarks/compare-grep.sh" 500 1 >"$results/compare-grep.log" 2>&1; then
  echo "run-quick: compare-grep FAILED:" >&2
  tail -n 20 "$results/compare-grep.log" >&2
  status=1
fi
log "quick: memory"
if ! "$root/benchmarks/memory.sh" 500 256m >"$results/memory.log" 2>&1; then
  echo "run-quick: memory FAILED:" >&2
  tail -n 20 "$results/memory.log" >&2
  status=1
fi

shopt -s nullglob
jsons=("$results"/*.json)
if [ "${#jsons[@]}" -gt 0 ]; then
  java -cp "$bench_jar" io.nestcheck.benchmarks.Report "${jsons[@]}" || status=1
fi
tail -n 1 "$results/compare-grep.log" || true
tail -n 2 "$results/memory.log" || true
if [ "$status" -ne 0 ]; then
  echo "run-quick: FAILED (see above)" >&2
else
  echo "run-quick: every benchmark ran (quick figures are not measurements)"
fi
exit "$status"
