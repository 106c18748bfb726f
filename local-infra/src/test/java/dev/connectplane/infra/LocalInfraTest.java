package dev.connectplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real broker and database as child processes and checks that they answer and are gone after close. */
class LocalInfraTest {

    @TempDir
    Path dir;

    @Test
    void startsKafkaAndPostgresOnFreePortsAndStopsBoth() throws Exception {
        long kafkaPid;
        long postgresPid;
        Endpoints endpoints;
        try (LocalInfra infra = LocalInfra.start(dir, 0, 0, false, true, List.of("probe.topic"), 5)) {
            endpoints = infra.endpoints();
            assertThat(accepts(endpoints.kafkaBootstrapServers())).isTrue();
            assertThat(partitionsOf(endpoints.kafkaBootstrapServers(), "probe.topic")).isEqualTo(5);
            assertThat(endpoints.quarkusProperties()).containsEntry("connect.kafka.partitions", "5");
            assertThat(accepts(endpoints.postgresHost() + ":" + endpoints.postgresPort())).isTrue();
            kafkaPid = infra.managedKafka().orElseThrow().pid();
            postgresPid = infra.managedPostgres().orElseThrow().pid();
        }
        assertThat(alive(kafkaPid)).isFalse();
        assertThat(alive(postgresPid)).isFalse();
        assertThat(accepts(endpoints.postgresHost() + ":" + endpoints.postgresPort())).isFalse();
    }

    /** What {@code ./connect-plane up} gets (LocalInfraMain starts it durable), and what tests get. */
    @Test
    void theRunCommandsPostgresIsDurableAndTestsKeepSynchronousCommit() throws Exception {
        assertThat(settingsOf(true)).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on");
        Map<String, String> tests = settingsOf(false);
        assertThat(tests).containsEntry("fsync", "off").containsEntry("synchronous_commit", "on");
        assertThat(tests.get("server_version_num")).as("the major version compose deploys").startsWith("16");
    }

    private Map<String, String> settingsOf(boolean durable) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (PostgresServer postgres = new PostgresServer(dir.resolve("pg-" + durable), port, "connect", durable, true)) {
            postgres.start();
            Map<String, String> settings = new HashMap<>();
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/connect",
                    "postgres", "postgres");
                 Statement statement = connection.createStatement()) {
                for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "server_version_num")) {
                    try (ResultSet rs = statement.executeQuery("show " + name)) {
                        rs.next();
                        settings.put(name, rs.getString(1));
                    }
                }
            }
            return settings;
        }
    }

    @Test
    void parsesAnExternalPostgresUrl() {
        Endpoints endpoints = Endpoints.withPostgresUrl("127.0.0.1:9092", "postgresql://app:s3cret@db.local:6543/connect", 3);

        assertThat(endpoints.reactiveUrl()).isEqualTo("postgresql://db.local:6543/connect");
        assertThat(endpoints.user()).isEqualTo("app");
        assertThat(endpoints.password()).isEqualTo("s3cret");
        assertThat(endpoints.quarkusProperties()).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092");
    }

    private static int partitionsOf(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        }
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    private static boolean accepts(String hostPort) {
        String[] parts = hostPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
