#!/usr/bin/env bash
# audit-service: projection delay at a sustained event rate, and export throughput for 100,000 records,
# beside a JDBC read of the same rows. Usage: bench/audit.sh [rate] [seconds] [total] [rounds]
# Builds what it needs, starts its own PostgreSQL, Kafka and audit-service, and stops them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for module in audit-service; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || build=1
done
if [ "${build:-0}" = 1 ] || [ ! -f bench/target/bench.classpath ]; then
  mvn -B -q -ntp -DskipTests -pl bench,audit-service -am package
fi
exec java ${BENCH_JAVA_OPTS:-} -Dconnect.root="$root" -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  dev.connectplane.bench.AuditBenchmark "$@"
