package dev.connectplane.infra;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Child-JVM main of the Kafka broker: formats the KRaft log directory on first start, runs a
 * single combined broker and controller node, creates the given topics (so consumers never
 * wait on auto-creation) and then prints {@value #READY_LINE}.
 *
 * <p>Arguments: {@code <server.properties> [topic,topic,...] [partitions] [credentials-dir]} (3
 * partitions unless given). With a credentials directory ({@link KafkaCredentials}) the broker is
 * secured: the log directory is formatted with a SCRAM-SHA-512 credential for every principal,
 * and after start the ACLs of {@link KafkaAclPlan} are created, by the admin (or over the open
 * listener of a test broker).
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
        Path credentialsDir = args.length > 3 ? Path.of(args[3]) : null;
        Map<String, String> passwords = credentialsDir == null ? Map.of() : passwords(credentialsDir);
        Path logDir = properties.resolveSibling("data");
        Path securedMark = properties.resolveSibling("secured");
        if (credentialsDir != null && Files.exists(logDir.resolve("meta.properties")) && !Files.exists(securedMark)) {
            System.err.println("the Kafka data in " + logDir + " was created before the broker was secured and holds no "
                    + "SCRAM credentials: stop the stack (./connect-plane down) and delete " + properties.getParent()
                    + " to start the broker afresh (its topics' records are lost)");
            System.exit(2);
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("format", "-t", CLUSTER_ID, "-c", properties.toString(),
                    "--ignore-formatted"));
            if (credentialsDir != null) {
                for (Map.Entry<String, String> principal : passwords.entrySet()) {
                    format.addAll(List.of("--add-scram",
                            "SCRAM-SHA-512=[name=" + principal.getKey() + ",password=" + principal.getValue() + "]"));
                }
            }
            int status = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
            if (status != 0) {
                System.err.println("formatting the Kafka log directory failed: " + status);
                System.exit(status);
            }
            if (credentialsDir != null) {
                Files.writeString(securedMark, "formatted with SCRAM credentials for " + passwords.keySet() + "\n");
            }
        }
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {properties.toString()}), "kafka-main");
        broker.start();
        Map<String, Object> admin = adminConfig(properties, credentialsDir == null ? null : passwords.get(KafkaAclPlan.ADMIN));
        createTopics(admin, topics, partitions);
        if (credentialsDir != null) {
            createAcls(admin);
        }
        System.out.println(READY_LINE);
        System.out.flush();
        broker.join();
    }

    private static void createTopics(Map<String, Object> config, List<String> topics, int partitions) throws Exception {
        try (Admin admin = Admin.create(config)) {
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

    /** The ACLs of {@link KafkaAclPlan}: allow rules for any host (creating an existing one changes nothing). */
    private static void createAcls(Map<String, Object> config) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAclPlan.Rule rule : KafkaAclPlan.rules()) {
            bindings.add(new AclBinding(
                    new ResourcePattern(ResourceType.valueOf(rule.resourceType()), rule.name(),
                            PatternType.valueOf(rule.patternType())),
                    new AccessControlEntry("User:" + rule.principal(), "*", AclOperation.valueOf(rule.operation()),
                            AclPermissionType.ALLOW)));
        }
        try (Admin admin = Admin.create(config)) {
            admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
        }
        System.out.println("created " + bindings.size() + " ACLs");
    }

    /** The admin client's settings: the open listener of a test broker, else SASL/SCRAM as the admin. */
    /** With {@code adminPassword} null the broker is open. */
    private static Map<String, Object> adminConfig(Path properties, String adminPassword) throws Exception {
        Properties config = new Properties();
        try (FileInputStream in = new FileInputStream(properties.toFile())) {
            config.load(in);
        }
        Map<String, String> listeners = new HashMap<>();
        for (String listener : config.getProperty("advertised.listeners").split(",")) {
            String[] parts = listener.split("://", 2);
            listeners.put(parts[0], parts[1]);
        }
        Map<String, Object> admin = new HashMap<>();
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        if (adminPassword == null) {
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listeners.get("PLAINTEXT"));
        } else if (listeners.containsKey("OPEN")) {
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listeners.get("OPEN"));
        } else {
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listeners.get("CLIENT"));
            admin.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            admin.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            admin.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaCredentials.scramJaas(KafkaAclPlan.ADMIN, adminPassword));
        }
        return admin;
    }

    /** Principal name to password, from the {@code <principal>.password} files. */
    private static Map<String, String> passwords(Path dir) throws Exception {
        Map<String, String> passwords = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".password")).toList()) {
                String name = file.getFileName().toString();
                passwords.put(name.substring(0, name.length() - ".password".length()), Files.readString(file).strip());
            }
        }
        return passwords;
    }
}
