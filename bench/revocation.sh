#!/usr/bin/env bash
# token-service revocation propagation: delete a server holding 1, 100 and 10,000 tokens and time,
# from the delete's acknowledgment, introspection and the access-change stream. Usage: bench/revocation.sh [sizes] [repeats]
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
  dev.connectplane.bench.RevocationBenchmark "$@"
