package dev.connectplane.foundation.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.operations.OutboxWatermark;
import dev.connectplane.contracts.server.ServerDeleted;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OutboxWatermarksTest {

    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration SKEW = Duration.ofMillis(100);

    private final OutboxWatermarks watermarks = new OutboxWatermarks(SKEW);

    @Test
    void aServerIsPublishedSinceAMomentOnlyOnceItsWatermarkHasPassedItWithTheSkewToSpare() {
        assertThat(watermarks.publishedSince("server-service", NOON)).isFalse();

        watermarks.take(watermark("server-service", "server-service", NOON.plusMillis(99)));
        assertThat(watermarks.publishedSince("server-service", NOON)).isFalse();

        watermarks.take(watermark("server-service", "server-service", NOON.plusMillis(100)));
        assertThat(watermarks.publishedSince("server-service", NOON)).isTrue();
        assertThat(watermarks.publishedSince("access-service", NOON)).isFalse();
    }

    @Test
    void anOlderWatermarkArrivingLateDoesNotMoveItBack() {
        watermarks.take(watermark("access-service", "access-service", NOON.plusSeconds(5)));
        watermarks.take(watermark("access-service", "access-service", NOON));

        assertThat(watermarks.publishedSince("access-service", NOON.plusSeconds(4))).isTrue();
    }

    @Test
    void aWatermarkFromAnotherSourceOrUnreadableChangesNothing() {
        watermarks.take(watermark("server-service", "token-service", NOON.plusSeconds(60)));
        watermarks.take("{not json");
        watermarks.take(EventCodec.encode(EventEnvelope.of("e-1", Topics.sourceOf("server-service"),
                OffsetDateTime.ofInstant(NOON, ZoneOffset.UTC), Actor.system("server-service"), null,
                new ServerDeleted("s-1", "name", OffsetDateTime.ofInstant(NOON, ZoneOffset.UTC)))));

        assertThat(watermarks.publishedSince("server-service", NOON)).isFalse();
    }

    private static String watermark(String service, String source, Instant through) {
        OutboxWatermark watermark = new OutboxWatermark(service, OffsetDateTime.ofInstant(through, ZoneOffset.UTC));
        return EventCodec.encode(EventEnvelope.of("w-" + through.toEpochMilli(), Topics.sourceOf(source),
                OffsetDateTime.ofInstant(through, ZoneOffset.UTC), Actor.system(service), null, watermark));
    }
}
