package dev.connectplane.contracts.operations;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.connectplane.contracts.envelope.EventPayload;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How far a service's outbox relay has published: every event that service committed before
 * {@code publishedThrough} is on its topic (rows parked because the broker will never take them,
 * and the rows of their keys that wait behind them, aside), and this record was committed in the same Kafka transaction as the last of them. A
 * service whose projection misses an object another service may just have created reads it to
 * tell "late" from "missing": the object is missing only once its owner's relay has published
 * through a moment after the request came in, and the projection's consumer has applied its topic
 * to the end. Sent by the relay itself about once a second, never through the outbox.
 *
 * @param service          the service whose outbox it is, e.g. {@code server-service}
 * @param publishedThrough a moment before the relay's last complete read of its unpublished rows
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutboxWatermark(String service, OffsetDateTime publishedThrough) implements EventPayload {

    public OutboxWatermark {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(publishedThrough, "publishedThrough");
    }

    /** The watermark through {@code moment}, cut to the millisecond downwards: never later than the truth. */
    public static OutboxWatermark through(String service, Instant moment) {
        return new OutboxWatermark(service, OffsetDateTime.ofInstant(moment.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }

    @Override
    public String subject() {
        return service;
    }

    /** One key per service: its watermarks stay in order. */
    @Override
    public String partitionKey() {
        return "outbox:" + service;
    }
}
