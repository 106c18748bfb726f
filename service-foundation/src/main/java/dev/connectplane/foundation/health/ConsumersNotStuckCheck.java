package dev.connectplane.foundation.health;

import dev.connectplane.foundation.faults.RetryingDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while a consumer has been retrying the same record past {@code connect.consumer.stuck-after}
 * (its database or a projection it needs is away): this instance is then behind on the events
 * it applies. Names each stuck channel with the record, for how long and why. Comes back UP by
 * itself once the record goes through.
 */
@Readiness
@ApplicationScoped
public class ConsumersNotStuckCheck implements HealthCheck {

    private final RetryingDelivery delivery;

    public ConsumersNotStuckCheck(RetryingDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumers not stuck").up();
        delivery.stuckChannels().forEach((channel, stuck) -> {
            response.down();
            response.withData(channel, "record " + stuck.position() + " failing for "
                    + Duration.between(stuck.since(), Instant.now()).toSeconds() + " s: " + stuck.reason());
        });
        return response.build();
    }
}
