# Shared by the benchmark scripts (sourced, not run). Finds the checkout, builds what is missing or stale.
#
# Environment:
#   NESTCHECK_TARGET  Maven output folder name (default: target; parallel local builds use e.g. target-bench)
#   MVN_FLAGS         extra Maven flags (default: -B -q; add -o to build offline)
#   NESTCHECK_CMD     the CLI command to time (default: java FLAGS -jar sdk-cli/$NESTCHECK_TARGET/nestcheck.jar, built if
#                     needed, FLAGS as ./nestcheck uses them: NESTCHECK_JAVA_OPTS, else the launcher's defaults)
#   FLEET_ROOT        where generated fleets live (default: /tmp/nestcheck-bench-fleets, shared with ScanBenchmark)
#   NESTCHECK_BENCH_NO_BUILD=1  use the jars as they are when they exist (run-quick.sh and run-full.sh set it after
#                     their own build, so that every section measures the same build)

set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${NESTCHECK_TARGET:-target}"
mvn_flags="${MVN_FLAGS:--B -q}"
bench_jar="$root/benchmarks/$target/benchmarks.jar"
cli_jar="$root/sdk-cli/$target/nestcheck.jar"
fleet_root="${FLEET_ROOT:-/tmp/nestcheck-bench-fleets}"

log() { echo "[bench] $*" >&2; }

# stale JAR PATH...: true when JAR is missing or older than any file below the PATHs
stale() {
  local jar="$1"
  shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

module_enabled() {
  grep -Eq '^[[:space:]]*<module>benchmarks</module>' "$root/pom.xml"
}

build_bench() {
  if [ "${NESTCHECK_BENCH_NO_BUILD:-0}" = 1 ] && [ -f "$bench_jar" ]; then
    return 0
  fi
  if ! stale "$bench_jar" "$root/pom.xml" "$root/benchmarks/pom.xml" "$root/benchmarks/src" "$root/examples/fleet" \
      "$root/sdk-api/src/main" "$root/sdk-core/src/main" "$root/sdk-vsphere/src/main"; then
    return 0
  fi
  log "building $bench_jar"
  if module_enabled; then
    (cd "$root" && mvn $mvn_flags -pl benchmarks -am package -Dmaven.test.skip=true -DskipTests -Dnestcheck.target="$target")
  else
    # the module is not in the reactor yet: install what it depends on, then package it on its own
    (cd "$root" && mvn $mvn_flags -pl sdk-api,sdk-core,sdk-vsphere install -Dmaven.test.skip=true -DskipTests \
      -Dnestcheck.target="$target")
    (cd "$root/benchmarks" && mvn $mvn_flags package -Dnestcheck.target="$target")
  fi
}

# The JVM flags ./nestcheck runs the CLI with: NESTCHECK_JAVA_OPTS when set, else the launcher's own choice.
launcher_java_opts() {
  if [ -n "${NESTCHECK_JAVA_OPTS+x}" ]; then
    echo "$NESTCHECK_JAVA_OPTS"
  else
    NESTCHECK_PRINT_JAVA_OPTS=1 "$root/nestcheck"
  fi
}

# Sets the array nestcheck_cmd: ./nestcheck on the benchmark's CLI jar (the launcher's JVM flags and CDS archive).
cli_command() {
  if [ -n "${NESTCHECK_CMD:-}" ]; then
    read -r -a nestcheck_cmd <<<"$NESTCHECK_CMD"
    return 0
  fi
  if { [ "${NESTCHECK_BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f "$cli_jar" ]; } && stale "$cli_jar" "$root/pom.xml" "$root/sdk-api/src/main" "$root/sdk-core/src/main" "$root/sdk-cli/src/main" \
      "$root/sdk-cli/pom.xml"; then
    log "building $cli_jar"
    (cd "$root" && mvn $mvn_flags -pl sdk-cli -am package -Dmaven.test.skip=true -DskipTests -Dnestcheck.target="$target")
  fi
  # the launcher itself, on this jar: its JVM flags and its class-data sharing archive, made here (by a first
  # call) so that no timed run pays for the training scan
  nestcheck_cmd=(env NESTCHECK_JAR="$cli_jar" "$root/nestcheck")
  "${nestcheck_cmd[@]}" --version >/dev/null
}

# fleet COUNT: generates (or reuses) the deterministic fleet and prints its folder
fleet() {
  local dir="$fleet_root/fleet-$1"
  java -cp "$bench_jar" io.nestcheck.benchmarks.Fleet "$dir" "$1" >&2
  echo "$dir"
}

# median of the numbers on stdin
median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); host: $(uname -srm); cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java: $(java -version 2>&1 | head -1)"
}
