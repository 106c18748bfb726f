#!/usr/bin/env bash
# access-service: ServerCreated -> VaultGranted delay, and vault grant/revoke throughput,
# beside the pgbench ceiling. Usage: bench/access.sh [servers] [rate] [concurrency]
# Builds what it needs, starts its own PostgreSQL, Kafka, server-service and access-service, and stops them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -f server-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f access-service/target/quarkus-app/quarkus-run.jar ] \
   || [ ! -f bench/target/bench.classpath ]; then
  mvn -B -q -ntp -DskipTests -pl bench,server-service,access-service -am package
fi
exec java ${BENCH_JAVA_OPTS:-} -Dconnect.root="$root" \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  dev.connectplane.bench.AccessBenchmark "$@"
