package dev.connectplane.bench;

import dev.connectplane.contracts.Topics;
import dev.connectplane.contracts.commands.Command;
import dev.connectplane.infra.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Commands over Kafka, the way another system sends them: N commands of each commands topic
 * produced in one burst, and the time from the first send to the last of their replies on
 * {@code connect.command-replies}, with the accepted and rejected counts.
 * <ol>
 *   <li>{@code server.create} on {@code connect.servers.commands}, N new servers;</li>
 *   <li>{@code vault.grant} on {@code connect.access.commands}, one vault for each of them;</li>
 *   <li>{@code token.create} on {@code connect.tokens.commands}, one token for each of them.</li>
 * </ol>
 * Each phase starts once the previous one's replies are all in, so the grants and tokens find
 * their servers. Every command carries an owner's bearer token, and is keyed by its server
 * (its command ID for a create), as the reference's producers do.
 *
 * <p>Arguments: {@code [commands per topic] [rounds]}, defaults 2000 and 2.
 */
public final class CommandsBenchmark {

    private static final Pattern COMMAND_ID = Pattern.compile("\"command_id\":\"([^\"]+)\"");
    private static final Pattern SERVER_ID = Pattern.compile("\"server\":\\{\"id\":\"([^\"]+)\"");

    private static final int VAULTS = 50;

    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final Map<String, Long> replyMillis = new ConcurrentHashMap<>();
    private final Map<String, String> createdServers = new ConcurrentHashMap<>();

    private CommandsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path root = Path.of(System.getProperty("connect.root", ".")).toAbsolutePath().normalize();
        System.out.printf("commands benchmark: %d commands per topic, %d rounds, %d cores%n", count, rounds,
                Runtime.getRuntime().availableProcessors());
        new CommandsBenchmark().run(root, count, rounds);
    }

    private void run(Path root, int count, int rounds) throws Exception {
        try (BenchStack stack = BenchStack.start(root, "commands-run", List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS,
                Topics.TOKEN_EVENTS, Topics.ACCESS_CHANGES, Topics.SERVER_COMMANDS, Topics.ACCESS_COMMANDS,
                Topics.TOKEN_COMMANDS, Topics.COMMAND_REPLIES))) {
            stack.startService(root, "server-service");
            ServiceProcess access = stack.startService(root, "access-service");
            stack.startService(root, "token-service");
            String bearer = stack.bearer("bench-owner", "Owners");
            createVaults(access);
            String bootstrap = stack.endpoints().kafkaBootstrapServers();
            try (TopicFollower follower = TopicFollower.follow(bootstrap, List.of(Topics.COMMAND_REPLIES), record -> {
                    String value = record.value();
                    Matcher id = COMMAND_ID.matcher(value);
                    if (id.find()) {
                        replies.putIfAbsent(id.group(1), value.contains("connect.command.accepted.v1") ? "accepted" : "rejected");
                        replyMillis.putIfAbsent(id.group(1), record.timestamp());
                        Matcher server = SERVER_ID.matcher(value);
                        if (server.find()) {
                            createdServers.putIfAbsent(id.group(1), server.group(1));
                        }
                    }
                });
                 KafkaProducer<String, String> producer = producer(bootstrap)) {
                // one small round to warm the services up
                round(producer, bearer, "warm", Math.min(100, count));
                for (int r = 0; r < rounds; r++) {
                    System.out.printf("-- round %d --%n", r + 1);
                    round(producer, bearer, "run" + r, count);
                }
            }
            System.out.printf("memory after the run: %s%n", stack.memory());
        }
    }

    /** The vaults the grants and tokens name, through access-service's REST API. */
    private static void createVaults(ServiceProcess access) throws Exception {
        HttpClient client = new HttpLoad().client();
        for (int i = 0; i < VAULTS; i++) {
            HttpResponse<String> created = client.send(HttpLoad.postJson(access.baseUrl() + "/v1/vaults",
                    "{\"name\":\"vault-" + i + "\"}"), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("vault create answered " + created.statusCode() + ": " + created.body());
            }
        }
    }

    /** The three phases of one round. */
    private void round(KafkaProducer<String, String> producer, String bearer, String name, int count) throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> creates = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = run + "-create-" + i;
            creates.add(id);
            records.add(record(Topics.SERVER_COMMANDS, id, bearer, id, "server.create",
                    "{\"name\":\"" + run + "-" + i + "\"}"));
        }
        phase(producer, "server.create", records, creates);
        List<String> servers = creates.stream().map(createdServers::get).filter(server -> server != null).toList();
        if (servers.size() < count) {
            System.out.printf("   only %d of %d creates gave a server; the next phases use those%n", servers.size(), count);
        }
        perServer(producer, bearer, run, servers, Topics.ACCESS_COMMANDS, "vault.grant",
                (server, vault) -> "{\"server\":\"" + server + "\",\"vault\":\"" + vault + "\"}");
        perServer(producer, bearer, run, servers, Topics.TOKEN_COMMANDS, "token.create",
                (server, vault) -> "{\"name\":\"bench\",\"server\":\"" + server + "\",\"vaults\":[\"" + vault + "\"]}");
    }

    /** One command of {@code type} for each server, keyed by it, naming one of the vaults; one burst. */
    private void perServer(KafkaProducer<String, String> producer, String bearer, String run, List<String> servers,
                           String topic, String type, BiFunction<String, String, String> payload) throws Exception {
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String id = run + "-" + type + "-" + i;
            ids.add(id);
            records.add(record(topic, servers.get(i), bearer, id, type, payload.apply(servers.get(i), "vault-" + (i % VAULTS))));
        }
        phase(producer, type, records, ids);
    }

    /** Produces the records in one burst and waits for a reply to each command; prints the figures. */
    private void phase(KafkaProducer<String, String> producer, String type, List<ProducerRecord<String, String>> records,
                       List<String> ids) throws Exception {
        long start = System.currentTimeMillis();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<String, String> record : records) {
            sends.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        long produced = System.currentTimeMillis() - start;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Set<String> waiting = new HashSet<>(ids);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            waiting.removeIf(replies::containsKey);
            Thread.sleep(5);
        }
        long last = start;
        long accepted = 0;
        long rejected = 0;
        for (String id : ids) {
            String outcome = replies.get(id);
            if (outcome != null) {
                last = Math.max(last, replyMillis.get(id));
                if (outcome.equals("accepted")) {
                    accepted++;
                } else {
                    rejected++;
                }
            }
        }
        long elapsed = Math.max(1, last - start);
        System.out.printf("%-13s %5d commands: produced in %5d ms, last reply after %6d ms: %7.0f commands/s; "
                        + "%d accepted, %d rejected, %d without a reply%n", type, ids.size(), produced, elapsed,
                ids.size() * 1000.0 / elapsed, accepted, rejected, waiting.size());
    }

    private static ProducerRecord<String, String> record(String topic, String key, String bearer, String commandId,
                                                         String type, String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key,
                "{\"command_id\":\"" + commandId + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}");
        record.headers().add(Command.AUTHORIZATION_HEADER, bearer.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
    }
}
