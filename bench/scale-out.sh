#!/usr/bin/env bash
# Two instances of server-service and of token-service: the relay leader killed (SIGKILL) under a
# paced create load, and the time until the next event is on the topic (handover); then the delay
# from a token's deletion on one token-service instance to its introspection answering inactive on
# the other. Each figure beside its ceiling measured in the same run.
# Usage: bench/scale-out.sh [kills] [creates-per-second] [tokens]   (defaults 5, 50, 200)
exec "$(dirname "$0")/run-benchmark.sh" ScaleOutBenchmark "server-service access-service token-service" "$@"
