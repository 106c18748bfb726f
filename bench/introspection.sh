#!/usr/bin/env bash
# token-service introspection: throughput and p50/p99 over HTTP with wrk, beside the same
# service's trivial endpoint under the same load. Usage: bench/introspection.sh [tokens] [connections] [seconds] [rounds]
# Builds what it needs, starts its own PostgreSQL, Kafka and the three services, and stops them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for module in server-service access-service token-service; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || build=1
done
if [ "${build:-0}" = 1 ] || [ ! -f bench/target/bench.classpath ]; then
  mvn -B -q -ntp -DskipTests -pl bench,server-service,access-service,token-service -am package
fi
exec java ${BENCH_JAVA_OPTS:-} -Dconnect.root="$root" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  dev.connectplane.bench.IntrospectionBenchmark "$@"
