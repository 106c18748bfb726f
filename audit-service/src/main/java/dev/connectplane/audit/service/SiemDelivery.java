package dev.connectplane.audit.service;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.messaging.out.OpenSearchBulk;
import dev.connectplane.audit.repository.AuditFilter;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.repository.DeliveryStore;
import dev.connectplane.audit.siem.SiemFormats;
import dev.connectplane.foundation.faults.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Delivers the chained records into OpenSearch (or Elasticsearch) with the bulk API, in chain
 * order, from the position kept in {@code siem_delivery}: a round locks the position, reads the
 * next {@code batch-size} records after it, sends them as OCSF (or ECS) documents whose ID is the
 * event ID, and moves the position past them in the same transaction. So delivery is at least once
 * (a crash after the store's acknowledgment sends those records again) and idempotent there (the
 * same ID replaces the document). While the store is down or answers 429/5xx, the round is rolled
 * back and tried again after 1 s, doubling up to {@code max-backoff}; nothing is skipped. A
 * document the store refuses for good (a 4xx such as a mapping error) is logged with its event ID
 * and counted in {@code connect.audit.delivery.rejected}, and delivery goes on. The index template
 * and an ingest pipeline stamping when the node took each document ({@code unmapped.connect.indexed_at}
 * in OCSF, {@code event.ingested} in ECS) are installed before the first round. With several instances, one delivers at a time (the row
 * lock, skip locked).
 */
@ApplicationScoped
public class SiemDelivery {

    private static final Logger LOG = Logger.getLogger(SiemDelivery.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(90);

    private final AuditStore records;
    private final DeliveryStore positions;
    private final Optional<OpenSearchBulk> bulk;
    private final Function<AuditRecord, String> writer;
    private final String template;
    private final String pipeline;
    private final String target;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Duration idlePoll;
    private final Counter delivered;
    private final Counter rejected;
    private final Timer lag;
    private final AtomicLong position = new AtomicLong();
    private final BackgroundLoop loop = new BackgroundLoop();
    private boolean ready;
    private boolean down;
    private Duration backoff = FIRST_BACKOFF;

    public SiemDelivery(AuditStore records, DeliveryStore positions, SiemFormats formats, AuditConfig config,
                        MeterRegistry registry) {
        AuditConfig.Delivery settings = config.delivery();
        String format = settings.format().strip().toLowerCase(Locale.ROOT);
        SiemFormats.Format chosen = SiemFormats.Format.parse(format);
        if (chosen == SiemFormats.Format.CEF) {
            throw new IllegalStateException("connect.audit.delivery.format is ocsf or ecs: CEF is a line format, not a document");
        }
        String index = settings.index().filter(name -> !name.isBlank()).orElse("connect-audit-" + format);
        this.records = records;
        this.positions = positions;
        this.bulk = settings.url().filter(url -> !url.isBlank())
                .map(url -> new OpenSearchBulk(url.strip(), index, settings.username(), settings.passwordFile()));
        this.writer = formats.writer(chosen, null);
        this.template = "siem/opensearch/" + format + "-template.json";
        this.pipeline = "siem/opensearch/" + format + "-pipeline.json";
        this.target = settings.url().orElse("") + "/" + index;
        this.batchSize = settings.batchSize();
        this.maxBackoff = settings.maxBackoff();
        this.idlePoll = settings.idlePoll();
        this.delivered = Counter.builder("connect.audit.delivery.delivered").description("records the SIEM store acknowledged")
                .register(registry);
        this.rejected = Counter.builder("connect.audit.delivery.rejected")
                .description("records the SIEM store refused for good (logged with their event ID)").register(registry);
        this.lag = Timer.builder("connect.audit.delivery.lag")
                .description("from a record's arrival in audit-service to the store's acknowledgment")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("connect.audit.delivery.position", position);
    }

    void onStart(@Observes StartupEvent event) {
        if (bulk.isEmpty()) {
            return;
        }
        LOG.infof("delivering audit records to %s", target);
        loop.start("siem-delivery", this::step);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
    }

    /** One round, or the wait after a failed one. */
    private void step() {
        try {
            if (!ready) {
                prepare();
                ready = true;
            }
            int sent = deliverOneRound();
            if (down) {
                LOG.infof("the SIEM store answers again; delivery goes on from position %d", position.get());
                down = false;
            }
            backoff = FIRST_BACKOFF;
            if (sent == 0) {
                loop.pause(idlePoll);
            }
        } catch (RuntimeException e) {
            if (!loop.running()) {
                return;
            }
            if (!down || !(e instanceof OpenSearchBulk.Unavailable || TransientFailures.isTransient(e))) {
                LOG.warnf("audit delivery to %s failed, trying again in %s (and on): %s", target, backoff, e.getMessage());
            }
            down = true;
            loop.pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private void prepare() {
        bulk.get().installTemplate(template, pipeline)
                .chain(() -> positions.register(target))
                .await().atMost(ROUND_TIMEOUT);
    }

    /** One round; returns how many records it delivered (0 when there were none, or another instance delivers). */
    int deliverOneRound() {
        long before = position.get();
        Optional<Long> after = positions.round(target, this::deliverAfter).await().atMost(ROUND_TIMEOUT);
        after.ifPresent(position::set);
        return after.map(seq -> (int) (seq - before)).filter(count -> count > 0).orElse(0);
    }

    private Uni<Long> deliverAfter(long from) {
        return records.page(AuditFilter.ALL, from, false, batchSize)
                .chain(page -> page.isEmpty() ? Uni.createFrom().item(from) : send(page));
    }

    private Uni<Long> send(List<AuditRecord> page) {
        List<OpenSearchBulk.Document> documents = page.stream()
                .map(record -> new OpenSearchBulk.Document(record.eventId(), writer.apply(record)))
                .toList();
        return bulk.get().bulk(documents)
                .map(outcome -> acknowledged(page, outcome));
    }

    private long acknowledged(List<AuditRecord> page, OpenSearchBulk.Outcome outcome) {
        if (outcome.retryable() > 0) {
            throw new OpenSearchBulk.Unavailable(outcome.retryable() + " of " + page.size()
                    + " documents were refused for now (429/5xx); the batch goes again", null);
        }
        outcome.rejected().forEach(reason -> LOG.errorf("the SIEM store refused an audit record for good: %s", reason));
        rejected.increment(outcome.rejected().size());
        delivered.increment(outcome.indexed());
        Instant now = Instant.now();
        page.forEach(record -> lag.record(Duration.between(record.ingestTime().toInstant(), now)));
        return page.get(page.size() - 1).seq();
    }
}
