#!/usr/bin/env bash
# token-service introspection: throughput and p50/p99 over HTTP with wrk, beside the same
# service's trivial endpoint under the same load. Usage: bench/introspection.sh [tokens] [connections] [seconds] [rounds]
# Builds what it needs, starts its own PostgreSQL, Kafka and the three services, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" IntrospectionBenchmark "server-service access-service token-service" "$@"
