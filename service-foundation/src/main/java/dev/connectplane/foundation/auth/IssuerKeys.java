package dev.connectplane.foundation.auth;

import dev.connectplane.foundation.config.FoundationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The trusted issuer's public keys, kept in memory. A token whose key ({@code kid}) is known is
 * verified at once, even while the issuer is down. One whose key is unknown makes the keys be
 * read again from an endpoint, at most once per {@code min-refresh-interval} (every caller with
 * an unknown key waits on the same read), so the provider's key rotation needs no restart and a
 * flood of forged {@code kid}s cannot hammer it. Keys older than {@code refresh-interval} are read
 * again in the background while the known ones go on serving (no sooner than
 * {@code min-refresh-interval} after the last read either, so a provider that is down is not asked
 * at the rate of requests); a failed read keeps them.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);

    /** How often the keys are read again: at the latest after {@code refreshInterval}, at the soonest after {@code minRefreshInterval}. */
    record Policy(Duration refreshInterval, Duration minRefreshInterval) {
    }

    /** What a lookup found: the key, or why there is none (for the caller's 401). */
    record Lookup(JsonWebKey key, String whyNot) {

        static Lookup found(JsonWebKey key) {
            return new Lookup(key, null);
        }

        static Lookup missing(String why) {
            return new Lookup(null, why);
        }
    }

    private record Loaded(List<JsonWebKey> keys, Instant at) {
    }

    private final KeySource source;
    private final Policy policy;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Void>> reading = new AtomicReference<>();
    private volatile Loaded loaded;
    private volatile Instant lastAttempt;
    private volatile boolean lastReadFailed;

    @Inject
    public IssuerKeys(FoundationConfig config) {
        this(KeySource.of(config.auth().publicKeyLocation(), config.auth().issuer(),
                        new JwksEndpoint.Timeouts(config.auth().keys().fetchTimeout(), config.auth().keys().fetchTimeout())),
                new Policy(config.auth().keys().refreshInterval(), config.auth().keys().minRefreshInterval()),
                Clock.systemUTC());
    }

    IssuerKeys(KeySource source, Policy policy, Clock clock) {
        this.source = source;
        this.policy = policy;
        this.clock = clock;
    }

    /** A key file is read at start and a bad one stops the service; an endpoint is read in the background. */
    void start(@Observes StartupEvent started) {
        if (source.refreshable()) {
            read();
            return;
        }
        read().join();
        if (loaded == null) {
            throw new IllegalStateException("the service cannot verify its callers: " + source.describe()
                    + " could not be read (CONNECT_AUTH_PUBLIC_KEY_LOCATION)");
        }
    }

    /** The key that signed {@code jws}: the known one, or the one a new read of the keys brings. */
    CompletableFuture<Lookup> keyFor(JsonWebSignature jws) {
        Loaded current = loaded;
        JsonWebKey known = current == null ? null : select(current.keys(), jws);
        if (known != null) {
            readAgainIfStale(current);
            return CompletableFuture.completedFuture(Lookup.found(known));
        }
        if (!mayReadAgain()) {
            return CompletableFuture.completedFuture(miss());
        }
        return read().thenApply(done -> {
            Loaded now = loaded;
            JsonWebKey found = now == null ? null : select(now.keys(), jws);
            return found != null ? Lookup.found(found) : miss();
        });
    }

    /**
     * The keys trusted now, as an identity: every read makes a new one, even of the same keys, so
     * a verification remembered with it ({@link VerifiedBearers}) stops holding with the next read.
     * Null before the first read. Stale keys are read again in the background, as {@link #keyFor} does.
     */
    Object current() {
        Loaded current = loaded;
        if (current != null) {
            readAgainIfStale(current);
        }
        return current;
    }

    private void readAgainIfStale(Loaded current) {
        if (source.refreshable() && clock.instant().isAfter(current.at().plus(policy.refreshInterval()))
                && mayReadAgain()) {
            read();
        }
    }

    /** Reads the keys again, or joins the read under way; completes (never exceptionally) when it ends. */
    CompletableFuture<Void> read() {
        while (true) {
            CompletableFuture<Void> running = reading.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            if (reading.compareAndSet(null, mine)) {
                lastAttempt = clock.instant();
                try {
                    source.load().whenComplete((keys, failure) -> finishRead(mine, keys, failure));
                } catch (RuntimeException failedAtOnce) {
                    finishRead(mine, null, failedAtOnce);
                }
                return mine;
            }
        }
    }

    private void finishRead(CompletableFuture<Void> read, List<JsonWebKey> keys, Throwable failure) {
        if (failure == null) {
            loaded = new Loaded(List.copyOf(keys), clock.instant());
            lastReadFailed = false;
            LOG.infof("trusting %d key(s) of the issuer from %s: kid %s", keys.size(), source.describe(),
                    keys.stream().map(JsonWebKey::getKeyId).toList());
        } else {
            lastReadFailed = true;
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warnf("cannot read the issuer's keys from %s (%s); the %s", source.describe(), cause.toString(),
                    loaded == null ? "service has no key yet and refuses every bearer token until a read succeeds"
                            : "known keys go on serving");
        }
        reading.set(null);
        read.complete(null);
    }

    private boolean mayReadAgain() {
        if (reading.get() != null) {
            return true;
        }
        if (!source.refreshable() && loaded != null) {
            return false;
        }
        Instant last = lastAttempt;
        return last == null || !clock.instant().isBefore(last.plus(policy.minRefreshInterval()));
    }

    private Lookup miss() {
        if (lastReadFailed) {
            return Lookup.missing("its signing key is not known here and the issuer's keys cannot be read now");
        }
        return Lookup.missing("it is not signed by a key of the trusted issuer");
    }

    /**
     * The key for {@code jws} by its {@code kid} and algorithm; a key file's one key without a
     * {@code kid} (a PEM file has none) serves every token of its key type.
     */
    private static JsonWebKey select(List<JsonWebKey> keys, JsonWebSignature jws) {
        try {
            JsonWebKey selected = new VerificationJwkSelector().select(jws, keys);
            if (selected != null) {
                return selected;
            }
            List<JsonWebKey> unnamed = keys.stream().filter(key -> key.getKeyId() == null).toList();
            String keyType = jws.getAlgorithmNoConstraintCheck().getKeyType();
            return unnamed.size() == 1 && unnamed.get(0).getKeyType().equals(keyType) ? unnamed.get(0) : null;
        } catch (JoseException e) {
            return null;
        }
    }
}
