#!/usr/bin/env bash
# A big account through the APIs: one server with 100,000 tokens and 10,000 other servers; then the
# big server's tokens, all tokens and all servers listed page by page, a vault revoke trimming every
# token and the server's delete revoking every token, each until its last access change is on the
# stream (order checked), with each service's memory, beside JDBC-read and Kafka-produce ceilings.
# Usage: bench/big-account.sh [tokens] [servers] [concurrency]   (defaults 100000, 10000, 16)
exec "$(dirname "$0")/run-benchmark.sh" BigAccountBenchmark "server-service access-service token-service" "$@"
