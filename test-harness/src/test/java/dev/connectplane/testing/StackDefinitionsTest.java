package dev.connectplane.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectplane.contracts.Topics;
import dev.connectplane.infra.KafkaAclPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;
import org.yaml.snakeyaml.Yaml;

/**
 * The stack is described three times: the services' configuration, {@code docker-compose.yml}
 * (which cannot run on these machines) and the {@code connect-plane} script. This keeps them in
 * step: every compose service exists, listens where its configuration says, and is given only
 * variables its configuration reads; the script creates exactly the topics the services use.
 */
class StackDefinitionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("server-service", "access-service", "token-service", "audit-service");

    @Test
    void composeRunsEveryServiceOnItsConfiguredPortWithVariablesItReads() throws IOException {
        Map<String, Object> services = composeServices();

        assertThat(services).containsKeys("kafka", "postgres");
        assertThat(services.keySet()).containsAll(SERVICES);
        for (String name : SERVICES) {
            Map<?, ?> service = (Map<?, ?>) services.get(name);
            Properties config = applicationProperties(name);
            String port = config.getProperty("quarkus.http.port");
            Map<?, ?> build = (Map<?, ?>) service.get("build");
            assertThat(ROOT.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile"))))
                    .as(name + " Dockerfile").exists();
            assertThat(service.get("ports")).as(name + ": the gateway publishes its port, for every replica").isNull();
            assertThat(String.valueOf(service.get("expose"))).as(name + " expose").isEqualTo("[" + port + "]");
            assertThat(((Map<?, ?>) service.get("deploy")).get("replicas")).as(name + " replicas").isEqualTo(2);
            assertThat(((Map<?, ?>) service.get("environment")).get("QUARKUS_HTTP_PORT")).isEqualTo(port);
            Set<String> readByConfig = variablesRead(name);
            for (Object variable : ((Map<?, ?>) service.get("environment")).keySet()) {
                if (!variable.toString().startsWith("QUARKUS_")) {
                    assertThat(readByConfig).as(name + " reads " + variable).contains(variable.toString());
                }
            }
            assertThat(((Map<?, ?>) service.get("healthcheck")).get("test").toString()).contains(port + "/q/health/ready");
        }
    }

    @Test
    void composeGatewayPublishesEachServicesPortAndProxiesItToTheReplicas() throws IOException {
        Map<?, ?> gateway = (Map<?, ?>) composeServices().get("gateway");
        String config = Files.readString(ROOT.resolve("compose/gateway.conf"));
        assertThat(String.valueOf(gateway.get("volumes"))).contains("./compose/gateway.conf:/etc/nginx/conf.d/default.conf");
        for (String name : SERVICES) {
            String port = applicationProperties(name).getProperty("quarkus.http.port");
            assertThat(String.valueOf(gateway.get("ports"))).as(name).contains(port + ":" + port);
            assertThat(config).as(name).contains("listen " + port + ";").contains(port + " " + name + ";");
            assertThat(String.valueOf(((Map<?, ?>) gateway.get("depends_on")).get(name))).as(name).contains("service_healthy");
        }
        assertThat(config).contains("proxy_pass http://$connect_service:$server_port;");
    }

    @Test
    void composeCreatesTheTopicsWithTheConfiguredPartitionsAndTellsTheServices() throws IOException {
        Map<?, ?> init = (Map<?, ?>) composeServices().get("kafka-init");
        assertThat(String.valueOf(((Map<?, ?>) init.get("environment")).get("PARTITIONS"))).isEqualTo("${CONNECT_KAFKA_PARTITIONS:-3}");
        assertThat(Files.readString(ROOT.resolve("compose/kafka/init.sh"))).contains("--partitions \"$PARTITIONS\"");
        for (String name : SERVICES) {
            Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) composeServices().get(name)).get("environment");
            assertThat(environment.get("CONNECT_KAFKA_PARTITIONS")).as(name).isEqualTo("${CONNECT_KAFKA_PARTITIONS:-3}");
        }
    }

    @Test
    void composeKafkaListensWhereTheServicesLookAndIsSecured() throws IOException {
        Map<?, ?> kafka = (Map<?, ?>) composeServices().get("kafka");
        String start = Files.readString(ROOT.resolve("compose/kafka/start.sh"));
        assertThat(String.valueOf(kafka.get("volumes"))).contains("./compose/kafka:/etc/connect-kafka");
        assertThat(start).contains("advertised.listeners=CLIENT://kafka:9092,HOST://localhost:${HOST_PORT:-9092}")
                .as("the same security as local-infra's broker")
                .contains("listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "allow.everyone.if.no.acl.found=false",
                        "super.users=User:admin", "--add-scram");
        assertThat(((Map<?, ?>) kafka.get("environment")).get("HOST_PORT")).isEqualTo("${CONNECT_KAFKA_HOST_PORT:-9092}");
        assertThat(String.valueOf(kafka.get("ports"))).contains("${CONNECT_KAFKA_HOST_PORT:-9092}:29092");
        for (String principal : KafkaAclPlan.principals()) {
            String variable = "KAFKA_PASSWORD_" + principal.toUpperCase().replace('-', '_');
            assertThat(start).as(principal + " gets credentials").contains(principal);
            assertThat(((Map<?, ?>) kafka.get("environment")).containsKey(variable)).as(variable).isTrue();
        }
        Map<?, ?> init = (Map<?, ?>) composeServices().get("kafka-init");
        assertThat(String.valueOf(init.get("volumes")))
                .contains("./local-infra/src/main/resources/local-infra/kafka-acls.txt:/etc/connect-kafka/kafka-acls.txt");
        for (String name : SERVICES) {
            Map<?, ?> environment = (Map<?, ?>) ((Map<?, ?>) composeServices().get(name)).get("environment");
            assertThat(environment.get("CONNECT_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(environment.get("CONNECT_KAFKA_USERNAME")).as(name + " signs in as itself").isEqualTo(name);
            assertThat(String.valueOf(environment.get("CONNECT_KAFKA_PASSWORD")))
                    .contains("CONNECT_KAFKA_PASSWORD_" + name.toUpperCase().replace('-', '_'));
        }
    }

    /**
     * The ACL table lets each service do exactly its part: only a topic's owner writes an event
     * topic, and each service may read every topic its channels consume, with its consumer groups
     * and its relay's transactional ID.
     */
    @Test
    void theAclTableMatchesTheTopicsTheirOwnersAndTheServicesChannels() throws IOException {
        List<KafkaAclPlan.Rule> rules = KafkaAclPlan.rules();
        for (String topic : SharedInfra.allTopics()) {
            Topics.ownerOf(topic).ifPresent(owner -> assertThat(rules.stream()
                    .filter(rule -> rule.operation().equals("WRITE") && rule.name().equals(topic))
                    .map(KafkaAclPlan.Rule::principal).toList()).as("who writes " + topic).containsExactly(owner));
        }
        for (String name : SERVICES) {
            Properties config = applicationProperties(name);
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && (key.endsWith(".topic") || key.endsWith(".topics"))) {
                    for (String topic : config.getProperty(key).split(",")) {
                        assertThat(rules).as(name + " reads " + topic)
                                .contains(new KafkaAclPlan.Rule(name, "READ", "TOPIC", "LITERAL", topic.strip()));
                    }
                }
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                    assertThat(config.getProperty(key)).as(key).startsWith(name);
                }
            }
            assertThat(rules).contains(new KafkaAclPlan.Rule(name, "READ", "GROUP", "PREFIXED", name),
                    new KafkaAclPlan.Rule(name, "WRITE", "TRANSACTIONAL_ID", "PREFIXED",
                            "outbox-relay-" + config.getProperty("connect.db-schema")),
                    new KafkaAclPlan.Rule(name, "WRITE", "TOPIC", "LITERAL", Topics.deadLetter(name)),
                    new KafkaAclPlan.Rule(name, "WRITE", "TOPIC", "LITERAL", Topics.OPERATIONS_EVENTS));
        }
        assertThat(rules).filteredOn(rule -> rule.principal().equals("connect-subscriber") && rule.operation().equals("WRITE"))
                .isEmpty();
    }

    @Test
    void composeCreatesExactlyTheTopicsTheServicesUseBeforeTheyStart() throws IOException {
        Map<?, ?> init = (Map<?, ?>) composeServices().get("kafka-init");
        String topics = String.valueOf(((Map<?, ?>) init.get("environment")).get("TOPICS"));

        assertThat(new TreeSet<>(Arrays.asList(topics.split(",")))).isEqualTo(new TreeSet<>(SharedInfra.allTopics()));
        for (String name : SERVICES) {
            Map<?, ?> dependsOn = (Map<?, ?>) ((Map<?, ?>) composeServices().get(name)).get("depends_on");
            assertThat(String.valueOf(dependsOn.get("kafka-init"))).as(name).contains("service_completed_successfully");
            assertThat(dependsOn.keySet().stream().map(String::valueOf).toList()).as(name).contains("kafka", "postgres");
        }
    }

    @Test
    void theLocalStackScriptCreatesExactlyTheTopicsTheServicesUse() throws IOException {
        String script = Files.readString(ROOT.resolve("connect-plane"));
        Matcher assignments = Pattern.compile("topics=\"(?:\\$topics,)?([^\"]+)\"").matcher(script);
        Set<String> scripted = new TreeSet<>();
        while (assignments.find()) {
            scripted.addAll(Arrays.asList(assignments.group(1).split(",")));
        }

        assertThat(scripted).isEqualTo(new TreeSet<>(SharedInfra.allTopics()));
    }

    @Test
    void everyIncomingChannelReadsTopicsAsTextWithADeadLetterTopicOrIsAPerInstanceListener() throws IOException {
        for (String name : SERVICES) {
            Properties config = applicationProperties(name);
            Set<String> channels = config.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".connector"))
                    .map(key -> key.split("\\.")[3]).collect(Collectors.toSet());
            assertThat(channels).as(name).isNotEmpty();
            for (String channel : channels) {
                String prefix = "mp.messaging.incoming." + channel + ".";
                assertThat(config.getProperty(prefix + "cloud-events")).as(channel).isEqualTo("false");
                if (Arrays.asList(config.getProperty("connect.kafka.per-instance-channels", "").split(",")).contains(channel)) {
                    // a per-instance listener (cache invalidation): it changes no state, so it skips
                    // what it cannot read; it assigns itself the partitions (from their end) and
                    // commits nothing, so it joins no group and leaves none behind
                    assertThat(config.getProperty(prefix + "failure-strategy")).as(channel).isEqualTo("ignore");
                    assertThat(config.getProperty(prefix + "commit-strategy")).as(channel).isEqualTo("ignore");
                    assertThat(config.getProperty(prefix + "enable.auto.commit")).as(channel).isEqualTo("false");
                    assertThat(config.getProperty(prefix + "group.id")).as(channel).isNotEqualTo(name);
                    continue;
                }
                assertThat(config.getProperty(prefix + "failure-strategy")).as(channel).isEqualTo("secret-free-dead-letter-queue");
                assertThat(config.getProperty(prefix + "dead-letter-queue.topic")).as(channel)
                        .isEqualTo("connect.dead-letter." + name);
            }
        }
    }

    /** The tests on containers run the images users deploy with compose. */
    @Test
    void testContainersRunTheImagesComposeRuns() throws IOException {
        Map<String, Object> services = composeServices();
        assertThat(((Map<?, ?>) services.get("kafka")).get("image")).isEqualTo(imageName(ContainerInfra.KAFKA_IMAGE));
        assertThat(((Map<?, ?>) services.get("kafka-init")).get("image")).isEqualTo(imageName(ContainerInfra.KAFKA_IMAGE));
        assertThat(((Map<?, ?>) services.get("postgres")).get("image")).isEqualTo(imageName(ContainerInfra.POSTGRES_IMAGE));
        assertThat(String.valueOf(((Map<?, ?>) services.get("postgres")).get("command")))
                .as("the database settings the tests also get").contains("track_commit_timestamp=on");
    }

    private static String imageName(DockerImageName image) {
        return image.getUnversionedPart() + ":" + image.getVersionPart();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeServices() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Object>) compose.get("services");
        }
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /**
     * The environment variables a service's configuration reads ({@code ${NAME:default}}): its own
     * and those of the configuration every service shares from service-foundation.
     */
    private static Set<String> variablesRead(String service) throws IOException {
        String text = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))
                + Files.readString(ROOT.resolve("service-foundation/src/main/resources/META-INF/microprofile-config.properties"));
        Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::[^}]*)?}").matcher(text);
        Set<String> names = new TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
