#!/usr/bin/env bash
# audit-service: projection delay at a sustained event rate, and export throughput for 100,000 records,
# beside a JDBC read of the same rows. Usage: bench/audit.sh [rate] [seconds] [total] [rounds]
# Builds what it needs, starts its own PostgreSQL, Kafka and audit-service, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" AuditBenchmark "audit-service" "$@"
