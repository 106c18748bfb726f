package dev.connectplane.foundation.health;

import dev.connectplane.foundation.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says in the readiness details how many outbox rows are parked (rows the broker will never
 * take, see {@code OutboxRelay}). Always UP: the instance still serves and publishes every other
 * key; the alert belongs to the metric {@code connect.outbox.parked} and the audit history.
 */
@Readiness
@ApplicationScoped
public class OutboxParkedCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxParkedCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Outbox rows parked")
                .up()
                .withData("parked", relay.parkedRows())
                .withData("relay", relay.isLeader() ? "publishing on this instance" : "standing by")
                .build();
    }
}
