#!/usr/bin/env bash
# token-service revocation propagation: delete a server holding 1, 100 and 10,000 tokens and time,
# from the delete's acknowledgment, introspection and the access-change stream. Usage: bench/revocation.sh [sizes] [repeats]
# Builds what it needs, starts its own PostgreSQL, Kafka and the three services, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" RevocationBenchmark "server-service access-service token-service" "$@"
