#!/usr/bin/env bash
# Benchmark (5): `nestcheck scan --format json` over a generated fleet with a capped heap (-Xmx, default 256m),
# under /usr/bin/time -v: the scan must complete (a full JSON report, no OutOfMemoryError); prints the peak RSS, the
# wall time and the JVM's own GC/heap peak. Exits non-zero when the scan fails.
#
# Usage: benchmarks/memory.sh [FILES=100000] [XMX=256m]
# Needs /usr/bin/time (Debian: apt-get install -y time). Environment: see lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

files="${1:-100000}"
xmx="${2:-256m}"
if [ ! -x /usr/bin/time ]; then
  echo "memory.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 2
fi
build_bench
if [ -n "${NESTCHECK_CMD:-}" ]; then
  echo "memory.sh: runs the CLI jar through ./nestcheck with -Xmx$xmx added; NESTCHECK_CMD is ignored" >&2
fi
NESTCHECK_CMD="" cli_command
dir="$(fleet "$files")"
out="$(mktemp -d "${TMPDIR:-/tmp}/nestcheck-memory.XXXXXX")"
trap 'rm -rf "$out"' EXIT

machine
jvm_opts="$(launcher_java_opts)"
echo "fleet: $dir ($files files); heap: -Xmx$xmx; launcher flags: ${jvm_opts:-none}"
rc=0
# shellcheck disable=SC2086
/usr/bin/time -v env NESTCHECK_JAR="$cli_jar" NESTCHECK_JAVA_OPTS="$jvm_opts -Xmx$xmx -Xlog:gc:file=$out/gc.log" \
  "$root/nestcheck" scan --format json --quiet --no-config "$dir" >"$out/report.json" 2>"$out/time.txt" || rc=$?
if [ "$rc" -gt 1 ] || grep -q OutOfMemoryError "$out/time.txt"; then
  echo "memory.sh: the scan failed (exit $rc)" >&2
  grep -v '^\s' "$out/time.txt" | tail -n 20 >&2
  exit 1
fi
if ! grep -Eq "\"targets\" ?: ?$files," "$out/report.json"; then
  echo "memory.sh: the JSON report is incomplete" >&2
  tail -n 20 "$out/report.json" >&2
  exit 1
fi
rss_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")"
wall="$(awk -F': ' '/Elapsed \(wall clock\) time/ { print $2 }' "$out/time.txt")"
# a small scan may end without any collection (no line to read the heap from)
heap="$({ grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$out/gc.log" || true; } \
  | awk -F'[M>(-]+' '{ if ($1 > m) m = $1 } END { print (m == "" ? "n/a (no collection)" : m "M") }')"
gcs="$(grep -c 'Pause' "$out/gc.log" || true)"
echo "exit $rc; report $(du -h "$out/report.json" | cut -f1); wall $wall; peak RSS $((rss_kb / 1024)) MiB ($rss_kb KiB); heap used before GC peak $heap; $gcs GC pauses"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
