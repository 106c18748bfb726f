#!/bin/bash
# The compose broker, secured as ./connect-plane's is (local-infra's KafkaBroker): SASL/SCRAM-SHA-512
# principals on the client listeners, SASL/PLAIN for the controller, StandardAuthorizer with
# nothing allowed by default (kafka-init creates the ACLs of kafka-acls.txt). The principals'
# passwords come from the environment (./connect-plane compose-env writes them).
set -euo pipefail
principals=(admin server-service access-service token-service audit-service connect-client connect-subscriber)
password() { local var="KAFKA_PASSWORD_$(echo "$1" | tr 'a-z-' 'A-Z_')"; echo "${!var:?$var is not set}"; }
scram() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$(password "$1")"; }
admin="$(password admin)"
# SASL/PLAIN on the host listener too, with the same passwords: librdkafka before 2.6.1 (Debian's
# kcat has 2.0.2) fails SCRAM against Kafka 4 brokers (edenhill/kcat#462), PLAIN works
plain_users() {
  local users="" principal
  for principal in "${principals[@]}"; do users+=" user_$principal=\"$(password "$principal")\""; done
  printf 'org.apache.kafka.common.security.plain.PlainLoginModule required%s;' "$users"
}
props=/tmp/server.properties
cat > "$props" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENT://0.0.0.0:9092,HOST://0.0.0.0:29092,CONTROLLER://0.0.0.0:9093
advertised.listeners=CLIENT://kafka:9092,HOST://localhost:${HOST_PORT:-9092}
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.client.scram-sha-512.sasl.jaas.config=$(scram admin)
listener.name.host.scram-sha-512.sasl.jaas.config=$(scram admin)
listener.name.host.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN
listener.name.host.plain.sasl.jaas.config=$(plain_users)
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin" user_admin="$admin";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=/tmp/kraft-combined-logs
num.partitions=${PARTITIONS:-3}
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
# the admin's client settings, for the health check
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$(scram admin)" > /tmp/admin.properties
format=()
for principal in "${principals[@]}"; do
  format+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(password "$principal")]")
done
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "${CLUSTER_ID:-MkU3OEVBNTcwNTJENDM2Qk}" -c "$props" "${format[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$props"
