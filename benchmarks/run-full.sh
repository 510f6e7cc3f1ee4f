#!/usr/bin/env bash
# The measurement run behind the README's results table: every benchmark with the modest settings this project
# uses on a shared 2-core machine (ratios against same-run baselines; see README.md). Writes JMH JSON and logs to
# benchmarks/$NESTCHECK_TARGET/results/, then prints the Markdown tables.
#
# Usage: benchmarks/run-full.sh [SECTION...]   (default: all, in this order)
#   evaluator  (1)  EvaluatorBenchmark, -prof gc
#   parse      (2)  ParseBenchmark, -prof gc
#   scan10k    (3)  ScanBenchmark, 10,000 files
#   scan100k   (3)  ScanBenchmark, 100,000 files (separate run), G1 with -Xmx1g
#   scan100k-serial (3)  the same with -XX:+UseSerialGC, the CLI launcher's collector
#   vsphere    (6)  VsphereInventoryBenchmark, 200 and 2,000 VMs, 2 ms per call
#   grep       (4)  compare-grep.sh 100000 5
#   memory     (5)  memory.sh 100000 256m
#   report          only print the tables of what is in results/
# Environment: see lib.sh; JMH_ARGS adds JMH options to every JMH section.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sections=("$@")
if [ "${#sections[@]}" -eq 0 ]; then
  sections=(evaluator parse scan10k scan100k scan100k-serial vsphere grep memory)
fi
build_bench
cli_command
export NESTCHECK_BENCH_NO_BUILD=1
results="$root/benchmarks/$target/results"
mkdir -p "$results"
short=(-f 1 -wi 2 -w 4s -i 3 -r 3s)

jmh() {
  local name="$1"
  shift
  log "$name: $(date -u '+%F %T UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  {
    machine
    echo "command: java -jar $bench_jar $* ${JMH_ARGS:-} -rf json -rff $results/$name.json"
  } >"$results/$name.log"
  java -jar "$bench_jar" "$@" ${JMH_ARGS:-} -rf json -rff "$results/$name.json" >>"$results/$name.log" 2>&1
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %T UTC')" >>"$results/$name.log"
}

for s in "${sections[@]}"; do
  case "$s" in
    evaluator) jmh evaluator "${short[@]}" -prof gc 'io.nestcheck.benchmarks.EvaluatorBenchmark' ;;
    parse) jmh parse "${short[@]}" -prof gc 'io.nestcheck.benchmarks.ParseBenchmark' ;;
    scan10k) jmh scan10k -f 1 -wi 2 -i 3 'io.nestcheck.benchmarks.ScanBenchmark' -p files=10000 -p "fleetRoot=$fleet_root" ;;
    # 3 warm-up passes: the full scan's first passes of a fork are JIT warm-up (11.8, 6.9, 4.1 s, then 3.9-4.2 s)
    # the same heap cap for both collectors: with the JVM's default heap (6 GiB here) G1 grew its young generation
    # into fresh memory pass after pass (README, (3))
    # three forks: one fork in three settles up to a quarter slower than the others (README, (3))
    scan100k) jmh scan100k -f 3 -wi 3 -i 3 -jvmArgsAppend "-Xmx1g" 'io.nestcheck.benchmarks.ScanBenchmark' \
      -p files=100000 -p "fleetRoot=$fleet_root" ;;
    scan100k-serial) jmh scan100k-serial -f 3 -wi 3 -i 3 -jvmArgsAppend "-Xmx1g -XX:+UseSerialGC" 'io.nestcheck.benchmarks.ScanBenchmark' \
      -p files=100000 -p "fleetRoot=$fleet_root" ;;
    vsphere)
      vcsim="${NESTCHECK_VCSIM:-$root/benchmarks/$target/vcsim/nestcheck-vcsim}"
      if [ -z "${NESTCHECK_VCSIM:-}" ]; then
        mkdir -p "$(dirname "$vcsim")"
        sh "$root/sdk-vsphere/src/test/vcsim/build.sh" "$vcsim" >&2
      fi
      # single-shot reads, warm-up and measured counts from the benchmark's annotations: the adapter's reads settle
      # after ~15 (the JIT), the naive loop's after one (each read is ~2,000 calls); 1 and 2 concurrent VM reads
      jmh vsphere -f 1 'io.nestcheck.benchmarks.vsphere.VsphereInventoryBenchmark' -p vms=200,2000 -p delayMs=2 \
        -p readParallelism=1,2 -p "vcsim=$vcsim"
      ;;
    grep)
      log "grep: $(date -u '+%F %T UTC')"
      "$root/benchmarks/compare-grep.sh" 100000 5 2>&1 | tee "$results/compare-grep.log"
      ;;
    memory)
      log "memory: $(date -u '+%F %T UTC')"
      "$root/benchmarks/memory.sh" 100000 256m 2>&1 | tee "$results/memory.log"
      ;;
    report) ;;
    *)
      echo "run-full: unknown section $s" >&2
      exit 64
      ;;
  esac
done

shopt -s nullglob
jsons=("$results"/*.json)
if [ "${#jsons[@]}" -gt 0 ]; then
  java -cp "$bench_jar" io.nestcheck.benchmarks.Report "${jsons[@]}" | tee "$results/tables.md"
fi
