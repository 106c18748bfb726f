package dev.connectplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Kafka broker and a PostgreSQL server for one test run or one local stack, started in
 * parallel as child processes. Either can be replaced by one that already runs:
 * {@code CONNECT_KAFKA_BOOTSTRAP_SERVERS} (e.g. {@code 127.0.0.1:9092}) and
 * {@code CONNECT_POSTGRES_URL} (e.g. {@code postgresql://postgres:secret@127.0.0.1:5432/connect}).
 */
public final class LocalInfra implements AutoCloseable {

    public static final String KAFKA_ENV = "CONNECT_KAFKA_BOOTSTRAP_SERVERS";
    public static final String POSTGRES_ENV = "CONNECT_POSTGRES_URL";
    /** Partitions of every topic the started broker creates; the services read the same variable. */
    public static final String PARTITIONS_ENV = "CONNECT_KAFKA_PARTITIONS";
    public static final int DEFAULT_PARTITIONS = 3;
    public static final String DATABASE = "connect";

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Endpoints endpoints;

    private LocalInfra(KafkaBroker kafka, PostgresServer postgres, Endpoints endpoints) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.endpoints = endpoints;
    }

    /**
     * Starts what the environment does not already provide.
     *
     * @param dir          working directory for logs and data
     * @param kafkaPort    broker port, 0 for a free one
     * @param postgresPort database port, 0 for a free one
     * @param durable      false for tests: PostgreSQL runs without fsync
     * @param watchParent  whether the children end with this JVM
     * @param topics       topics the started broker creates before it counts as ready
     * @param partitions   partitions of each of those topics
     */
    public static LocalInfra start(Path dir, int kafkaPort, int postgresPort, boolean durable, boolean watchParent,
                                   List<String> topics, int partitions) {
        return start(dir, kafkaPort, postgresPort, durable, watchParent, topics, partitions, KafkaSecurity.OPEN);
    }

    /**
     * {@link #start(Path, int, int, boolean, boolean, List, int)} with the broker's security: a
     * secured broker keeps its principals' passwords in {@code <dir>/kafka-credentials}.
     */
    public static LocalInfra start(Path dir, int kafkaPort, int postgresPort, boolean durable, boolean watchParent,
                                   List<String> topics, int partitions, KafkaSecurity security) {
        String externalKafka = System.getenv(KAFKA_ENV);
        String externalPostgres = System.getenv(POSTGRES_ENV);
        KafkaBroker kafka = isSet(externalKafka) ? null : broker(dir, kafkaPort, watchParent, topics, partitions, security);
        PostgresServer postgres = isSet(externalPostgres) ? null
                : new PostgresServer(dir.resolve("postgres"), orFreePort(postgresPort), DATABASE, durable, watchParent);
        try {
            CompletableFuture<Void> kafkaStarted = kafka == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(kafka::start);
            CompletableFuture<Void> postgresStarted = postgres == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(postgres::start);
            CompletableFuture.allOf(kafkaStarted, postgresStarted).join();
        } catch (CompletionException e) {
            if (kafka != null) {
                kafka.stop();
            }
            if (postgres != null) {
                postgres.stop();
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        String bootstrap = kafka == null ? externalKafka : kafka.bootstrapServers();
        Endpoints endpoints = postgres == null
                ? Endpoints.withPostgresUrl(bootstrap, externalPostgres, partitions)
                : new Endpoints(bootstrap, "127.0.0.1", postgres.port(), DATABASE, "postgres", "", partitions);
        return new LocalInfra(kafka, postgres, endpoints);
    }

    private static KafkaBroker broker(Path dir, int kafkaPort, boolean watchParent, List<String> topics, int partitions,
                                      KafkaSecurity security) {
        if (security == KafkaSecurity.OPEN) {
            return new KafkaBroker(dir.resolve("kafka"), orFreePort(kafkaPort), freePort(), watchParent, topics, partitions);
        }
        KafkaCredentials credentials = KafkaCredentials.loadOrCreate(dir.resolve("kafka-credentials"),
                KafkaAclPlan.principals());
        int openPort = security == KafkaSecurity.SECURED_WITH_OPEN_LISTENER ? freePort() : 0;
        return new KafkaBroker(dir.resolve("kafka"), orFreePort(kafkaPort), freePort(), watchParent, topics, partitions,
                credentials, openPort);
    }

    /** {@value #PARTITIONS_ENV} when set, else the fallback. */
    public static int partitionsFromEnvironment(int fallback) {
        String value = System.getenv(PARTITIONS_ENV);
        return isSet(value) ? Integer.parseInt(value.trim()) : fallback;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The broker this run started, absent when an external one is used. */
    public Optional<KafkaBroker> managedKafka() {
        return Optional.ofNullable(kafka);
    }

    public Optional<PostgresServer> managedPostgres() {
        return Optional.ofNullable(postgres);
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** Deletes a working directory and everything in it, so that a run starts from empty data. */
    public static void clearDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear " + dir, e);
        }
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int orFreePort(int port) {
        return port > 0 ? port : freePort();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
