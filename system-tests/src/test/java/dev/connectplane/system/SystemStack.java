package dev.connectplane.system;

import dev.connectplane.infra.Endpoints;
import dev.connectplane.infra.LocalInfra;
import dev.connectplane.infra.ServiceProcess;
import dev.connectplane.testing.SharedInfra;
import dev.connectplane.testing.TestIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole stack for a system test: the shared PostgreSQL and Kafka of this test JVM, and the
 * four services started from their packaged jars as separate processes, each on a free port,
 * stopped when the stack is closed.
 */
final class SystemStack implements AutoCloseable {

    /**
     * One key encryption key for every stack of this JVM: the stacks share one database, and a
     * token-service started with another key could not decrypt the signing keys stored there.
     */
    private static final String KEY_ENCRYPTION_KEY = ServiceProcess.newKeyEncryptionKey();

    static final String[] SERVICES = {"server-service", "access-service", "token-service", "audit-service"};

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private SystemStack() {
    }

    static SystemStack start() throws Exception {
        Path root = Path.of(System.getProperty("connect.root", "..")).toAbsolutePath().normalize();
        Endpoints endpoints = SharedInfra.endpoints();
        Map<String, String> env = ServiceProcess.environment(endpoints, KEY_ENCRYPTION_KEY, TestIdentities.issuer());
        Path logs = Files.createDirectories(root.resolve("system-tests/target/system-logs"));
        SystemStack stack = new SystemStack();
        try {
            for (String name : SERVICES) {
                stack.services.put(name, ServiceProcess.start(root.resolve(name + "/target/quarkus-app/quarkus-run.jar"),
                        LocalInfra.freePort(), env, logs.resolve(name + ".log")));
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitReady(Duration.ofSeconds(120));
            }
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    String url(String service) {
        return services.get(service).baseUrl();
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess service : services.values()) {
            service.close();
        }
    }
}
