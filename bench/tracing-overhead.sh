#!/usr/bin/env bash
# What tracing costs: introspection and server create with tracing off and on in the same run,
# alternating, each beside the machine's ceiling measured in it. Needs wrk (installed here if
# missing). Usage: bench/tracing-overhead.sh [connections] [seconds] [rounds] [tokens]
# Builds what it needs, starts its own PostgreSQL, Kafka and the three services, and stops them.
set -euo pipefail
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
exec "$(dirname "$0")/run-benchmark.sh" TracingOverheadBenchmark "server-service access-service token-service" "$@"
