#!/usr/bin/env bash
# Shared by the benchmark scripts: bench/run-benchmark.sh MAIN_CLASS "MODULE ..." [ARGS ...]
# Packages the benchmark and the services it needs when a jar is missing, then runs the class
# dev.connectplane.bench.MAIN_CLASS with ARGS. BENCH_JAVA_OPTS adds options to the benchmark's
# JVM; CONNECT_SERVICE_JAVA_OPTS to the services'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
main="$1"
modules="$2"
shift 2
build=0
[ -f bench/target/bench.classpath ] || build=1
for module in $modules; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || build=1
done
if [ "$build" = 1 ]; then
  mvn -B -q -ntp -DskipTests -pl "bench,${modules// /,}" -am package
fi
exec java ${BENCH_JAVA_OPTS:-} -Dconnect.root="$root" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  "dev.connectplane.bench.$main" "$@"
