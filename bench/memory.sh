#!/usr/bin/env bash
# The whole local stack's memory (RSS and PSS of every process, by role), once ready and after N
# acknowledged operations of the drills' mixed load, against 2 GiB.
# Usage: bench/memory.sh [operations, default 5000] [workers, default 4]
# Builds what it needs, starts its own durable PostgreSQL, Kafka and the four services, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" MemoryBenchmark "server-service access-service token-service audit-service" "$@"
