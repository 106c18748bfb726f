#!/usr/bin/env bash
# Server create end to end (REST -> PostgreSQL -> outbox -> Kafka) beside the pgbench ceiling.
# Usage: bench/server-create.sh [creates] [concurrency] [warmup]
# Builds what it needs, starts its own PostgreSQL, Kafka and server-service, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" ServerCreateBenchmark "server-service" "$@"
