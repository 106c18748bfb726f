#!/usr/bin/env bash
# Every benchmark once on one stack, then one table: figure, target, measured, the ceiling
# measured in the same run, ratio. Usage: bench/all.sh [small|full] (small: under 10 minutes here;
# full: each benchmark's own defaults). The table is also written to bench/target/all-summary.md.
exec "$(dirname "$0")/run-benchmark.sh" AllBenchmarks "server-service access-service token-service audit-service" "$@"
