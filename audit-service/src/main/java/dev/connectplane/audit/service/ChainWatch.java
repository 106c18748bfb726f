package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Verifies the whole chain (and it against the newest signed checkpoints) every
 * {@code connect.audit.verification-interval}, so that an edited, deleted or inserted record is
 * found without anybody asking: {@code connect.audit.chain.valid} is 1 while the last
 * verification held, 0 once one found a broken link or a contradicting checkpoint, -1 before the
 * first; {@code connect.audit.verifications{outcome=valid|broken|failed}} counts them (failed:
 * the database could not be read, nothing was decided).
 */
@ApplicationScoped
public class ChainWatch {

    private static final Logger LOG = Logger.getLogger(ChainWatch.class);
    private static final Duration VERIFICATION_TIMEOUT = Duration.ofMinutes(5);

    private final ChainVerifier verifier;
    private final Duration interval;
    private final AtomicInteger valid = new AtomicInteger(-1);
    private final MeterRegistry registry;
    private final BackgroundLoop loop = new BackgroundLoop();

    public ChainWatch(ChainVerifier verifier, AuditConfig config, MeterRegistry registry) {
        this.verifier = verifier;
        this.interval = config.verificationInterval();
        this.registry = registry;
        Gauge.builder("connect.audit.chain.valid", valid, AtomicInteger::get)
                .description("1 while the last background verification of the chain held, 0 once one failed, "
                        + "-1 before the first")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("background chain verification off (connect.audit.verification-interval=0)");
            return;
        }
        loop.start("audit-chain-watch", this::step);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    private void step() {
        loop.pause(interval);
        if (loop.running()) {
            verifyNow();
        }
    }

    /** One verification of the whole chain, counted and reflected in the gauge. */
    public void verifyNow() {
        try {
            ChainVerification result = verifier.verify(null, null).await().atMost(VERIFICATION_TIMEOUT);
            boolean holds = result.valid();
            if (!holds && valid.get() != 0) {
                LOG.errorf("the audit chain failed verification: %s", result);
            }
            valid.set(holds ? 1 : 0);
            counted(holds ? "valid" : "broken");
        } catch (RuntimeException e) {
            LOG.warnf("the audit chain could not be verified this time: %s", e.toString());
            counted("failed");
        }
    }

    private void counted(String outcome) {
        Counter.builder("connect.audit.verifications")
                .description("background verifications of the chain, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
