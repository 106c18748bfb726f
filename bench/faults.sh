#!/usr/bin/env bash
# Fault drills on the whole stack: each service, Kafka and PostgreSQL killed (SIGKILL) and restarted
# under a mixed load, and token-service's connection terminated in a 10,000-token cascade; per fault
# the operations acknowledged, lost, resurrected, duplicated, out of order, the recovery times and 5xx.
# Usage: bench/faults.sh [before-seconds] [after-seconds] [workers] [cascade-tokens] [faults]
# Builds what it needs, starts its own durable PostgreSQL, Kafka and the four services, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" FaultsBenchmark "server-service access-service token-service audit-service" "$@"
