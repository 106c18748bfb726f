package dev.connectplane.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM main of the Kafka broker: formats the KRaft log directory on first start, then
 * runs a single combined broker and controller node. Argument: the server.properties file.
 */
public final class KafkaMain {

    /** A fixed KRaft cluster ID (base64 of 16 bytes), so that a kept data directory matches. */
    private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qk";

    private KafkaMain() {
    }

    public static void main(String[] args) throws Exception {
        Path properties = Path.of(args[0]);
        Path logDir = properties.resolveSibling("data");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int status = kafka.tools.StorageTool.execute(new String[] {
                "format", "-t", CLUSTER_ID, "-c", properties.toString(),
                "--ignore-formatted"}, System.out);
            if (status != 0) {
                System.err.println("formatting the Kafka log directory failed: " + status);
                System.exit(status);
            }
        }
        kafka.Kafka.main(new String[] {properties.toString()});
    }
}
