package dev.connectplane.bench.faults;

/**
 * The stack a fault drill runs against: the four services as processes, the broker and the
 * database, each of which the drill may kill (SIGKILL) and bring back. The system tests' stack
 * and the benchmarks' stack both provide one.
 */
public interface DrillStack {

    /** The services, in start order. */
    String[] SERVICES = {"server-service", "access-service", "token-service", "audit-service"};

    /** The base URL of a service, e.g. {@code http://127.0.0.1:8083}. */
    String url(String service);

    /** SIGKILL of the service, then a new process on the same port; returns once it is ready. */
    void killAndRestart(String service) throws Exception;

    /**
     * SIGKILL of every service, then new processes on the same ports; returns once all are ready.
     * One after the other unless the stack can start them side by side.
     */
    default void killAndRestartEveryService() throws Exception {
        for (String service : SERVICES) {
            killAndRestart(service);
        }
    }

    /** SIGKILL of the broker, then a new one on the same port and data; returns once it answers. */
    void killAndRestartKafka() throws Exception;

    /** SIGKILL of the postmaster, then PostgreSQL again on the same data (crash recovery). */
    void killAndRestartPostgres() throws Exception;

    String kafkaBootstrapServers();

    /** A JDBC URL of the services' database, for the drill's own look at it (as a superuser). */
    String jdbcUrl();

    String dbUser();

    String dbPassword();

    /** {@code Bearer <jwt>} for that user and groups, from the issuer the services trust. */
    String bearer(String user, String... groups);
}
