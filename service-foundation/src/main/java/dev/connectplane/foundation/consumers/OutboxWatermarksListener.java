package dev.connectplane.foundation.consumers;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every instance of every service reads {@code connect.outbox.watermarks} for itself, from its
 * end (a per-instance channel, {@link PerInstanceChannels}), into {@link OutboxWatermarks}. Its
 * settings are shared by the services ({@code META-INF/microprofile-config.properties}).
 */
@ApplicationScoped
public class OutboxWatermarksListener {

    private final OutboxWatermarks watermarks;

    public OutboxWatermarksListener(OutboxWatermarks watermarks) {
        this.watermarks = watermarks;
    }

    @Incoming(PerInstanceChannels.WATERMARKS)
    public void onWatermark(ConsumerRecord<String, String> record) {
        watermarks.take(record.value());
    }
}
