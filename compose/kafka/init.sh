#!/bin/bash
# Creates every topic (CONNECT_KAFKA_PARTITIONS each) and the ACLs of kafka-acls.txt (the table
# ./connect-plane's broker applies too), as the admin, before the services start.
set -euo pipefail
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%s";\n' \
  "${KAFKA_PASSWORD_ADMIN:?KAFKA_PASSWORD_ADMIN is not set}" > /tmp/admin.properties
bin=/opt/kafka/bin
for topic in $(echo "$TOPICS" | tr ',' ' '); do
  "$bin/kafka-topics.sh" --bootstrap-server kafka:9092 --command-config /tmp/admin.properties --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1
done
grep -v '^\s*#' /etc/connect-kafka/kafka-acls.txt | while read -r principal operation resource pattern name; do
  [ -n "$principal" ] || continue
  case "$resource" in
    TOPIC) target=(--topic "$name") ;;
    GROUP) target=(--group "$name") ;;
    TRANSACTIONAL_ID) target=(--transactional-id "$name") ;;
    *) echo "unknown resource type $resource" >&2; exit 1 ;;
  esac
  "$bin/kafka-acls.sh" --bootstrap-server kafka:9092 --command-config /tmp/admin.properties --add \
    --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$(echo "$pattern" | tr 'A-Z' 'a-z')" \
    "${target[@]}" > /dev/null
done
echo "topics and ACLs created"
