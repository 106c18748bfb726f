package dev.connectplane.testing;

import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.LocalInfra;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka (KRaft) and PostgreSQL in containers, from the same images as {@code docker-compose.yml}
 * (StackDefinitionsTest keeps them equal), with the settings the tests need: single-node
 * replication for the internal topics, no initial rebalance delay, commit timestamps tracked,
 * enough connections for four services, fsync off and synchronous commit on (as
 * {@code local-infra} runs tests). What {@code CONNECT_KAFKA_BOOTSTRAP_SERVERS} or
 * {@code CONNECT_POSTGRES_URL} names is used instead of a container.
 */
final class ContainerInfra implements AutoCloseable {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:16");

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final Endpoints endpoints;

    private ContainerInfra(KafkaContainer kafka, PostgreSQLContainer postgres, Endpoints endpoints) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.endpoints = endpoints;
    }

    /** Whether Testcontainers finds a Docker engine (under 10 ms when there is none). */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerInfra start(int partitions) {
        String externalKafka = System.getenv(LocalInfra.KAFKA_ENV);
        String externalPostgres = System.getenv(LocalInfra.POSTGRES_ENV);
        KafkaContainer kafka = isSet(externalKafka) ? null : kafka(partitions);
        PostgreSQLContainer postgres = isSet(externalPostgres) ? null : postgres();
        try {
            Optional.ofNullable(kafka).ifPresent(KafkaContainer::start);
            Optional.ofNullable(postgres).ifPresent(PostgreSQLContainer::start);
        } catch (RuntimeException e) {
            stopQuietly(kafka, postgres);
            throw e;
        }
        String bootstrap = kafka == null ? externalKafka : kafka.getBootstrapServers().replaceFirst("^PLAINTEXT://", "");
        Endpoints endpoints = postgres == null
                ? Endpoints.withPostgresUrl(bootstrap, externalPostgres, partitions)
                : new Endpoints(bootstrap, postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                        postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword(), partitions);
        return new ContainerInfra(kafka, postgres, endpoints);
    }

    Endpoints endpoints() {
        return endpoints;
    }

    /** Whether this run started a broker (the topics are then created by SharedInfra). */
    boolean startedKafka() {
        return kafka != null;
    }

    @Override
    public void close() {
        stopQuietly(kafka, postgres);
    }

    private static KafkaContainer kafka(int partitions) {
        return new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(partitions))
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    }

    private static PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(LocalInfra.DATABASE)
                .withCommand("postgres", "-c", "track_commit_timestamp=on", "-c", "max_connections=200",
                        "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=on");
    }

    private static void stopQuietly(KafkaContainer kafka, PostgreSQLContainer postgres) {
        Optional.ofNullable(kafka).ifPresent(KafkaContainer::stop);
        Optional.ofNullable(postgres).ifPresent(PostgreSQLContainer::stop);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
