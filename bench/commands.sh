#!/usr/bin/env bash
# Commands over Kafka: N server.create, then N vault.grant, then N token.create, each produced in one
# burst, timed to the last reply on connect.command-replies, with accepted/rejected counts.
# Usage: bench/commands.sh [commands per topic, default 2000] [rounds, default 2]
# Builds what it needs, starts its own PostgreSQL, Kafka and the three services, and stops them.
exec "$(dirname "$0")/run-benchmark.sh" CommandsBenchmark "server-service access-service token-service" "$@"
