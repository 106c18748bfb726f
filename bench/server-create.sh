#!/usr/bin/env bash
# Server create end to end (REST -> PostgreSQL -> outbox -> Kafka) beside the pgbench ceiling.
# Usage: bench/server-create.sh [creates] [concurrency] [warmup]
# Builds what it needs, starts its own PostgreSQL, Kafka and server-service, and stops them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -f server-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f bench/target/bench.classpath ]; then
  mvn -B -q -ntp -DskipTests -pl bench,server-service -am package
fi
exec java ${BENCH_JAVA_OPTS:-} -Dconnect.root="$root" \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  dev.connectplane.bench.ServerCreateBenchmark "$@"
