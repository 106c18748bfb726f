package dev.connectplane.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the broker and the database of the local stack until this JVM is stopped (SIGTERM stops
 * both). The broker is secured ({@link KafkaSecurity#SECURED}): every service and client signs in
 * as its own principal. Writes {@code endpoints.properties} in the working directory once both answer, then
 * prints {@value #READY_LINE}.
 *
 * <p>Arguments: {@code <dir> <kafka-port> <postgres-port> [topic,topic,...]}.
 */
public final class LocalInfraMain {

    static final String READY_LINE = "LOCAL INFRA READY";

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        List<String> topics = args.length > 3 && !args[3].isBlank() ? List.of(args[3].split(",")) : List.of();
        LocalInfra infra = LocalInfra.start(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]), true, true, topics,
                LocalInfra.partitionsFromEnvironment(LocalInfra.DEFAULT_PARTITIONS), KafkaSecurity.SECURED);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "local-infra-stop"));
        Properties properties = new Properties();
        infra.endpoints().quarkusProperties().forEach(properties::setProperty);
        // where ./connect-plane finds each principal's password file (a broker this JVM started)
        infra.managedKafka().flatMap(KafkaBroker::credentials)
                .ifPresent(credentials -> properties.setProperty("connect.kafka.credentials-dir", credentials.dir().toString()));
        try (var out = Files.newBufferedWriter(dir.resolve("endpoints.properties"))) {
            properties.store(out, "written by LocalInfraMain");
        }
        System.out.println(READY_LINE + " kafka=" + infra.endpoints().kafkaBootstrapServers()
                + " postgres=" + infra.endpoints().reactiveUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
