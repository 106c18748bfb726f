#!/usr/bin/env bash
# access-service: ServerCreated -> VaultGranted delay, and vault grant/revoke throughput,
# beside the pgbench ceiling. Usage: bench/access.sh [servers] [rate] [concurrency]
# Builds what it needs, starts its own PostgreSQL, Kafka, server-service and access-service, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" AccessBenchmark "server-service access-service" "$@"
