package dev.connectplane.testing;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Which infrastructure a test JVM runs on, from {@value #SETTING} ({@code auto}, the default,
 * {@code processes} or {@code containers}): Kafka and PostgreSQL as child processes
 * ({@code local-infra}), or in containers (Testcontainers). What {@code CONNECT_KAFKA_BOOTSTRAP_SERVERS}
 * and {@code CONNECT_POSTGRES_URL} name is used as it is, whatever the setting; with both given,
 * nothing is started and Docker is not asked.
 *
 * @param kind   what starts the pieces the environment does not give
 * @param reason one sentence for the log: why this kind
 */
public record InfraSelection(Kind kind, String reason) {

    public static final String SETTING = "CONNECT_TEST_INFRA";
    static final String KAFKA_ENV = "CONNECT_KAFKA_BOOTSTRAP_SERVERS";
    static final String POSTGRES_ENV = "CONNECT_POSTGRES_URL";

    public enum Kind {
        /** Child processes started by local-infra. */
        PROCESSES,
        /** Containers started by Testcontainers on the Docker engine. */
        CONTAINERS,
        /** Both given by the environment: nothing to start. */
        EXTERNAL
    }

    /**
     * The selection for this environment.
     *
     * @param environment     the process environment (or a test's)
     * @param dockerAvailable asked only when the answer matters
     * @throws IllegalStateException    for {@code containers} without a Docker engine
     * @throws IllegalArgumentException for a value that is none of the three
     */
    public static InfraSelection choose(Map<String, String> environment, BooleanSupplier dockerAvailable) {
        if (isSet(environment.get(KAFKA_ENV)) && isSet(environment.get(POSTGRES_ENV))) {
            return new InfraSelection(Kind.EXTERNAL, KAFKA_ENV + " and " + POSTGRES_ENV + " name both: nothing is started");
        }
        String setting = environment.getOrDefault(SETTING, "");
        String value = setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "processes" -> new InfraSelection(Kind.PROCESSES, SETTING + "=processes");
            case "containers" -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(SETTING + "=containers, but no Docker engine answers (Testcontainers "
                            + "found none: check DOCKER_HOST or ~/.testcontainers.properties); use " + SETTING
                            + "=processes (or auto) to run Kafka and PostgreSQL as child processes");
                }
                yield new InfraSelection(Kind.CONTAINERS, SETTING + "=containers");
            }
            case "auto" -> dockerAvailable.getAsBoolean()
                    ? new InfraSelection(Kind.CONTAINERS, SETTING + "=auto and a Docker engine answers")
                    : new InfraSelection(Kind.PROCESSES, SETTING + "=auto and no Docker engine answers");
            default -> throw new IllegalArgumentException(SETTING + "=" + setting
                    + " is not one of auto, processes, containers");
        };
    }

    /** The line the test JVM logs once. */
    public String describe() {
        return "test infrastructure: " + kind.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
