#!/usr/bin/env bash
# connectctl's wall time for `server get NAME` and `token list --server NAME`, beside curl of the
# same endpoint. Usage: bench/cli.sh [runs=10]
exec "$(dirname "$0")/run-benchmark.sh" CliBenchmark "server-service access-service token-service" "$@"
