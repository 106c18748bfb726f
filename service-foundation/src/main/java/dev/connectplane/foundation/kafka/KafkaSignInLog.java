package dev.connectplane.foundation.kafka;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says once at start how the service signs in to Kafka ({@link KafkaSignIn}), never with the password. */
@ApplicationScoped
public class KafkaSignInLog {

    private static final Logger LOG = Logger.getLogger(KafkaSignInLog.class);

    void onStart(@Observes StartupEvent event, FoundationConfig config) {
        config.kafka().username().filter(name -> !name.isBlank()).ifPresentOrElse(
                name -> LOG.infof("Kafka: signed in as principal %s (SASL/SCRAM-SHA-512, %s)", name,
                        config.kafka().securityProtocol().filter(p -> !p.isBlank()).orElse("SASL_PLAINTEXT")),
                () -> LOG.info("Kafka: no principal configured (CONNECT_KAFKA_USERNAME): the broker must be open"));
    }
}
