package dev.connectplane.foundation.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One record on a service's dead-letter topic, as an operator sees it: where it sits, why it is
 * there, where it came from and what it is (event type and ID, or command type and ID). Never
 * its value or its headers beyond these: a record may carry a credential.
 *
 * @param position       {@code <partition>:<offset>} on the dead-letter topic, the handle for a replay
 * @param sourceTopic    the topic it was consumed from, where a replay sends it back
 * @param sourcePosition {@code <partition>:<offset>} on that topic
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String position, Instant deadLetteredAt, String reason, String sourceTopic,
                         String sourcePosition, String key, String type, String id) {
}
