package dev.connectplane.contracts.envelope;

/**
 * The data of a domain event. Each payload names the aggregate it is about (the CloudEvents
 * {@code subject}) and the Kafka key that keeps the events of one server in order.
 */
public interface EventPayload {

    /** The ID of the aggregate this event is about (server, token, vault or group). */
    String subject();

    /** The Kafka record key: the server ID wherever a server is involved. */
    String partitionKey();
}
