package dev.connectplane.infra;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the broker and the database answer, in the forms the services' configuration takes.
 *
 * @param kafkaBootstrapServers e.g. {@code 127.0.0.1:9092}
 * @param postgresHost          host of PostgreSQL
 * @param postgresPort          port of PostgreSQL
 * @param database              database name (each service uses its own schema in it)
 * @param user                  database user
 * @param password              database password, empty for trust authentication
 * @param partitions            partitions of every topic ({@code connect.kafka.partitions})
 */
public record Endpoints(String kafkaBootstrapServers, String postgresHost, int postgresPort, String database,
                        String user, String password, int partitions) {

    /** The Vert.x reactive client URL, e.g. {@code postgresql://127.0.0.1:5432/connect}. */
    public String reactiveUrl() {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** The Quarkus configuration properties that point a service at these endpoints. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        properties.put("quarkus.datasource.reactive.url", reactiveUrl());
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl());
        properties.put("quarkus.datasource.username", user);
        properties.put("quarkus.datasource.password", password);
        properties.put("connect.kafka.partitions", String.valueOf(partitions));
        return properties;
    }

    /**
     * Parses {@code postgresql://user:password@host:port/database}, the form of the
     * {@code CONNECT_POSTGRES_URL} environment variable.
     */
    public static Endpoints withPostgresUrl(String kafkaBootstrapServers, String url, int partitions) {
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("CONNECT_POSTGRES_URL must look like postgresql://user:password@host:port/db");
        }
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "connect" : uri.getPath().substring(1);
        return new Endpoints(kafkaBootstrapServers, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                database, user, password, partitions);
    }
}
