package dev.connectplane.infra;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Child-JVM main of the Kafka broker: formats the KRaft log directory on first start, runs a
 * single combined broker and controller node, creates the given topics (so consumers never
 * wait on auto-creation) and then prints {@value #READY_LINE}.
 *
 * <p>Arguments: {@code <server.properties> [topic,topic,...] [partitions]} (3 partitions unless given).
 */
public final class KafkaMain {

    static final String READY_LINE = "KAFKA READY";
    /** A fixed KRaft cluster ID (base64 of 16 bytes), so that a kept data directory matches. */
    private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path properties = Path.of(args[0]);
        List<String> topics = args.length > 1 && !args[1].isBlank() ? List.of(args[1].split(",")) : List.of();
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path logDir = properties.resolveSibling("data");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int status = kafka.tools.StorageTool.execute(new String[] {
                "format", "-t", CLUSTER_ID, "-c", properties.toString(), "--ignore-formatted"}, System.out);
            if (status != 0) {
                System.err.println("formatting the Kafka log directory failed: " + status);
                System.exit(status);
            }
        }
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {properties.toString()}), "kafka-main");
        broker.start();
        createTopics(bootstrapServers(properties), topics, partitions);
        System.out.println(READY_LINE);
        System.out.flush();
        broker.join();
    }

    private static void createTopics(String bootstrap, List<String> topics, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String bootstrapServers(Path properties) throws Exception {
        Properties config = new Properties();
        try (FileInputStream in = new FileInputStream(properties.toFile())) {
            config.load(in);
        }
        return config.getProperty("advertised.listeners").replace("PLAINTEXT://", "");
    }
}
