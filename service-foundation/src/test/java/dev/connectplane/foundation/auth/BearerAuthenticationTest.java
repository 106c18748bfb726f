package dev.connectplane.foundation.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens of an OpenID provider: keys discovered from its configuration, its key rotation
 * taken without a restart, unknown key IDs read again at most once per interval, cached keys
 * serving through its outage, and every bad token a 401 that says why.
 */
class BearerAuthenticationTest {

    private static final Duration MIN_REFRESH = Duration.ofSeconds(10);

    private TestProvider provider;
    private MovableClock clock;
    private IssuerKeys keys;
    private BearerAuthentication bearer;

    @BeforeEach
    void start() throws Exception {
        provider = new TestProvider();
        clock = new MovableClock();
        keys = new IssuerKeys(JwksEndpoint.discovered(provider.issuer(), timeouts()),
                new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);
        bearer = new BearerAuthentication(keys, provider.issuer(), TestProvider.AUDIENCE, CallerClaims.standard());
        keys.read().join();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aTokenOfTheDiscoveredProviderNamesItsUserAndGroups() throws Exception {
        Actor actor = authenticate(provider.token("dana", List.of("Platform", "DevOps")));

        assertThat(actor.id()).isEqualTo("dana");
        assertThat(actor.groups()).containsExactly("DevOps", "Platform");
    }

    @Test
    void aJwksUrlServesWithoutDiscovery() throws Exception {
        IssuerKeys direct = new IssuerKeys(KeySource.at(provider.issuer() + "/protocol/openid-connect/certs", timeouts()),
                new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);
        direct.read().join();
        BearerAuthentication byUrl = new BearerAuthentication(direct, provider.issuer(), TestProvider.AUDIENCE,
                CallerClaims.standard());

        Actor actor = byUrl.authenticate("Bearer " + provider.token("dana", List.of("Platform"))).await().indefinitely();

        assertThat(actor.id()).isEqualTo("dana");
    }

    @Test
    void theProvidersKeyRotationIsTakenWithoutARestart() throws Exception {
        int readsBefore = provider.jwksReads();
        provider.rotate();
        clock.advance(MIN_REFRESH);

        Actor actor = authenticate(provider.token("dana", List.of("Platform")));

        assertThat(actor.id()).isEqualTo("dana");
        assertThat(provider.jwksReads()).isEqualTo(readsBefore + 1);
    }

    @Test
    void aCallerWaitingForTheKeysGoesOnOnItsOwnKindOfVertxThread() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            provider.rotate();
            clock.advance(MIN_REFRESH);
            String fromEventLoop = continuedOn(vertx, false, provider.token("dana", List.of("Platform")));
            provider.rotate();
            clock.advance(MIN_REFRESH);
            String fromWorker = continuedOn(vertx, true, provider.token("dana", List.of("Platform")));

            assertThat(fromEventLoop).startsWith("vert.x-eventloop-thread-");
            assertThat(fromWorker).startsWith("vert.x-worker-thread-");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The thread that verifies {@code token} after its unknown key was read, for a caller on an event loop or a worker. */
    private String continuedOn(Vertx vertx, boolean worker, String token) {
        CompletableFuture<String> thread = new CompletableFuture<>();
        Runnable call = () -> bearer.authenticate("Bearer " + token)
                .map(actor -> Thread.currentThread().getName())
                .subscribe()
                .with(thread::complete, thread::completeExceptionally);
        Context context = vertx.getOrCreateContext();
        if (worker) {
            context.executeBlocking(() -> {
                call.run();
                return null;
            }, false);
        } else {
            context.runOnContext(ignored -> call.run());
        }
        return thread.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aTokenTakenAgainWithoutVerificationStopsServingOnceTheKeysAreReadAgainWithoutItsKey() throws Exception {
        BearerAuthentication remembering = remembering();
        String old = "Bearer " + provider.token("dana", List.of("Platform"));
        assertThat(remembering.authenticate(old).await().indefinitely().id()).isEqualTo("dana");
        assertThat(remembering.authenticate(old).await().indefinitely().groups()).containsExactly("Platform");

        provider.rotate();
        provider.retireAllButTheSigningKey();
        keys.read().join();
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> remembering.authenticate(old).await().indefinitely());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).contains("not signed by a key of the trusted issuer");
    }

    @Test
    void theSameClaimsUnderABrokenSignatureAreRefusedThoughTheRealTokenWasJustVerified() throws Exception {
        BearerAuthentication remembering = remembering();
        String real = provider.token("dana", List.of("Owners"));
        assertThat(remembering.authenticate("Bearer " + real).await().indefinitely().id()).isEqualTo("dana");
        int at = real.length() - 8;
        String broken = real.substring(0, at) + (real.charAt(at) == 'A' ? "BBBBBB" : "AAAAAA") + real.substring(at + 6);

        for (int attempt = 0; attempt < 2; attempt++) {
            ProblemException refused = catchThrowableOfType(ProblemException.class,
                    () -> remembering.authenticate("Bearer " + broken).await().indefinitely());
            assertThat(refused.status()).as("attempt " + attempt).isEqualTo(401);
            assertThat(refused.challenge()).contains("its signature does not verify");
        }
    }

    private BearerAuthentication remembering() {
        return new BearerAuthentication(keys, provider.issuer(), TestProvider.AUDIENCE, CallerClaims.standard(),
                new VerifiedBearers(100, Duration.ofMinutes(1), Clock.systemUTC()));
    }

    @Test
    void unknownKeyIdsReadTheKeysAtMostOncePerInterval() throws Exception {
        int readsBefore = provider.jwksReads();
        clock.advance(MIN_REFRESH);

        ProblemException first = refusal(provider.forged("forged-1"));
        ProblemException second = refusal(provider.forged("forged-2"));
        clock.advance(MIN_REFRESH);
        refusal(provider.forged("forged-3"));

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.challenge()).contains("error=\"invalid_token\"", "not signed by a key of the trusted issuer");
        assertThat(second.status()).isEqualTo(401);
        assertThat(provider.jwksReads()).isEqualTo(readsBefore + 2);
    }

    @Test
    void knownKeysServeWhileTheProviderIsDownAndAnUnknownOneIsAClear401() throws Exception {
        String known = provider.token("dana", List.of("Platform"));
        provider.rotate();
        String signedWithNewKey = provider.token("dana", List.of("Platform"));
        provider.stop();
        clock.advance(MIN_REFRESH);

        assertThat(authenticate(known).id()).isEqualTo("dana");
        ProblemException refused = refusal(signedWithNewKey);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).contains("error=\"invalid_token\"", "the issuer's keys cannot be read now");
        assertThat(authenticate(known).id()).isEqualTo("dana");
    }

    @Test
    void staleKeysAreReadAgainInTheBackgroundButNotAtTheRateOfRequestsWhileTheProviderIsDown() throws Exception {
        KeySource real = JwksEndpoint.discovered(provider.issuer(), timeouts());
        AtomicBoolean down = new AtomicBoolean();
        CountingSource flaky = new CountingSource(() -> down.get()
                ? CompletableFuture.failedFuture(new IOException("connection refused")) : real.load());
        IssuerKeys stale = new IssuerKeys(flaky, new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);
        stale.read().join();
        BearerAuthentication verifying = new BearerAuthentication(stale, provider.issuer(), TestProvider.AUDIENCE,
                CallerClaims.standard());
        String token = "Bearer " + provider.token("dana", List.of("Platform"));
        down.set(true);
        clock.advance(Duration.ofMinutes(11));

        for (int request = 0; request < 5; request++) {
            assertThat(verifying.authenticate(token).await().indefinitely().id()).isEqualTo("dana");
        }
        int whileWithinTheInterval = flaky.loads.get();
        clock.advance(MIN_REFRESH);
        verifying.authenticate(token).await().indefinitely();

        assertThat(whileWithinTheInterval).as("the first load, then one try for five requests on stale keys").isEqualTo(2);
        assertThat(flaky.loads.get()).isEqualTo(3);
    }

    @Test
    void aSourceThatFailsAtOnceLeavesNoReadHangingAndTheTokenIsA401() throws Exception {
        CountingSource broken = new CountingSource(() -> {
            throw new IllegalArgumentException("not a URI");
        });
        IssuerKeys failing = new IssuerKeys(broken, new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);

        assertThat(failing.read()).succeedsWithin(Duration.ofSeconds(1));
        clock.advance(MIN_REFRESH);
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> new BearerAuthentication(failing,
                provider.issuer(), TestProvider.AUDIENCE, CallerClaims.standard())
                .authenticate("Bearer " + provider.token("dana", List.of())).await().atMost(Duration.ofSeconds(5)));

        assertThat(refused.challenge()).contains("the issuer's keys cannot be read now");
        assertThat(broken.loads.get()).isEqualTo(2);
    }

    @Test
    void expiredTokensAreRefusedSayingSo() throws Exception {
        assertThat(refusal(provider.token(provider.expiredClaims("dana"))).challenge()).contains("it has expired");
    }

    @Test
    void tokensForAnotherApiAreRefusedSayingSo() throws Exception {
        JwtClaims claims = provider.claims("dana", List.of("Owners"));
        claims.setAudience("another-api");

        assertThat(refusal(provider.token(claims)).challenge()).contains("not issued for this API (aud)");
    }

    @Test
    void tokensOfAnotherIssuerAreRefusedSayingSo() throws Exception {
        JwtClaims claims = provider.claims("dana", List.of("Owners"));
        claims.setIssuer("https://elsewhere.example/realms/test");

        assertThat(refusal(provider.token(claims)).challenge()).contains("not from the trusted issuer (iss)");
    }

    @Test
    void unsignedAndMalformedTokensAndOtherSchemesAreRefused() throws Exception {
        String signed = provider.token("dana", List.of("Owners"));
        String[] parts = signed.split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                provider.claims("mallory", List.of("Owners")).toJson().getBytes()) + "." + parts[2];

        assertThat(refusal(unsigned).challenge()).contains("error=\"invalid_token\"");
        assertThat(refusal(tampered).challenge()).contains("its signature does not verify");
        assertThat(refusal("not-a-jwt").challenge()).contains("it is malformed");
        assertThat(catchThrowableOfType(ProblemException.class,
                () -> bearer.authenticate("Basic Zm9vOmJhcg==").await().indefinitely()).challenge())
                .isEqualTo(BearerAuthentication.CHALLENGE);
        assertThat(catchThrowableOfType(ProblemException.class,
                () -> bearer.authenticate(null).await().indefinitely()).status()).isEqualTo(401);
    }

    @Test
    void aServiceThatCouldNeverReadTheKeysRefusesEveryTokenWithA401() throws Exception {
        IssuerKeys unreachable = new IssuerKeys(KeySource.at("http://127.0.0.1:1/certs", timeouts()),
                new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);
        BearerAuthentication refusing = new BearerAuthentication(unreachable, provider.issuer(), TestProvider.AUDIENCE,
                CallerClaims.standard());
        unreachable.read().join();

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> refusing.authenticate("Bearer " + provider.token("dana", List.of())).await().indefinitely());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.challenge()).contains("the issuer's keys cannot be read now");
    }

    @Test
    void aPemKeyFileWithoutKeyIdVerifiesTokensOfAnyKeyId(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = dir.resolve("issuer-public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        IssuerKeys fromFile = new IssuerKeys(KeySource.at(pem.toString(), timeouts()),
                new IssuerKeys.Policy(Duration.ofMinutes(10), MIN_REFRESH), clock);
        fromFile.read().join();
        BearerAuthentication dev = new BearerAuthentication(fromFile, "connect-plane-dev", TestProvider.AUDIENCE,
                CallerClaims.standard());
        RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        key.setPrivateKey(pair.getPrivate());
        key.setKeyId("dev");
        JwtClaims claims = provider.claims("admin", List.of("Owners"));
        claims.setIssuer("connect-plane-dev");

        Actor actor = dev.authenticate("Bearer " + TestProvider.token(claims, key)).await().indefinitely();

        assertThat(actor.id()).isEqualTo("admin");
        assertThat(actor.groups()).containsExactly("Owners");
    }

    @Test
    void groupsComeFromTheConfiguredClaimPathAndNamingRule() throws Exception {
        JwtClaims claims = provider.claims("dana", List.of());
        claims.setClaim("realm_access", Map.of("roles", List.of("/Platform/DevOps", "/Owners")));
        claims.setClaim("team", "Platform");
        claims.setClaim("email", "dana@example.com");

        assertThat(new CallerClaims("realm_access.roles", GroupNames.LAST_SEGMENT, Optional.empty())
                .actorOf(claims).orElseThrow().groups()).containsExactly("DevOps", "Owners");
        assertThat(new CallerClaims("realm_access.roles", GroupNames.AS_IS, Optional.empty())
                .actorOf(claims).orElseThrow().groups()).containsExactly("/Owners", "/Platform/DevOps");
        assertThat(new CallerClaims("team", GroupNames.AS_IS, Optional.of("email"))
                .actorOf(claims).orElseThrow()).satisfies(actor -> {
                    assertThat(actor.id()).isEqualTo("dana@example.com");
                    assertThat(actor.groups()).containsExactly("Platform");
                });
        assertThat(new CallerClaims("absent", GroupNames.AS_IS, Optional.empty())
                .actorOf(claims).orElseThrow().groups()).isEmpty();
    }

    private Actor authenticate(String token) {
        return bearer.authenticate("Bearer " + token).await().indefinitely();
    }

    private ProblemException refusal(String token) {
        return catchThrowableOfType(ProblemException.class,
                () -> bearer.authenticate("Bearer " + token).await().indefinitely());
    }

    private static JwksEndpoint.Timeouts timeouts() {
        return new JwksEndpoint.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** An endpoint whose reads a test scripts, counting them. */
    private static final class CountingSource implements KeySource {

        final AtomicInteger loads = new AtomicInteger();
        private final Supplier<CompletableFuture<List<JsonWebKey>>> read;

        CountingSource(Supplier<CompletableFuture<List<JsonWebKey>>> read) {
            this.read = read;
        }

        @Override
        public CompletableFuture<List<JsonWebKey>> load() {
            loads.incrementAndGet();
            return read.get();
        }

        @Override
        public boolean refreshable() {
            return true;
        }

        @Override
        public String describe() {
            return "a scripted endpoint";
        }
    }
}
