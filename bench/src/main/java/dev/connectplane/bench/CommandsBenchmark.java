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
import java.util.HashMap;
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
        try (BenchStack stack = BenchStack.start(root, "commands-run", List.of(Topics.SERVER_EVENTS, Topics.ACCESS_EVENTS,
                Topics.TOKEN_EVENTS, Topics.ACCESS_CHANGES, Topics.SERVER_COMMANDS, Topics.ACCESS_COMMANDS,
                Topics.TOKEN_COMMANDS, Topics.COMMAND_REPLIES))) {
            run(stack, root, count, rounds);
        }
    }

    /**
     * The benchmark on a running stack; its figures go to the {@link Summary}: each topic's
     * commands/s in the last round beside the REST rate of the same operation, as many of them
     * with 32 clients, right after.
     */
    static void run(BenchStack stack, Path root, int count, int rounds) throws Exception {
        new CommandsBenchmark().measure(stack, root, count, rounds);
    }

    private void measure(BenchStack stack, Path root, int count, int rounds) throws Exception {
        ServiceProcess serverService = stack.startService(root, "server-service");
        ServiceProcess access = stack.startService(root, "access-service");
        ServiceProcess tokenService = stack.startService(root, "token-service");
        String bearer = stack.bearer("bench-owner", "Owners");
        String vaultPrefix = "cmd-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        createVaults(access, vaultPrefix);
        String bootstrap = stack.endpoints().kafkaBootstrapServers();
        Round last = null;
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
            round(producer, bearer, vaultPrefix, "warm", Math.min(100, count));
            for (int r = 0; r < rounds; r++) {
                System.out.printf("-- round %d --%n", r + 1);
                last = round(producer, bearer, vaultPrefix, "run" + r, count);
            }
        }
        System.out.printf("memory after the run: %s%n", stack.memory());
        if (last != null) {
            restCeilings(serverService, access, tokenService, vaultPrefix, last);
        }
    }

    /** One round's commands/s of each type, and the servers its creates gave. */
    private record Round(Map<String, Double> perSecond, List<String> servers) {
    }

    /**
     * The same three operations over REST, as many as the last round had, with 32 clients: new
     * servers, another vault for each of the round's servers, a second token for each.
     */
    private static void restCeilings(ServiceProcess servers, ServiceProcess access, ServiceProcess tokens,
                                     String vaultPrefix, Round last) throws Exception {
        HttpLoad load = new HttpLoad();
        List<String> ids = last.servers();
        String run = UUID.randomUUID().toString().substring(0, 6);
        HttpLoad.Result creates = load.run(ids.size(), 32, 0, i -> HttpLoad.postJson(servers.baseUrl() + "/v1/servers",
                "{\"name\":\"rest-" + run + "-" + i + "\"}"), List.of(201));
        HttpLoad.Result grants = load.run(ids.size(), 32, 0, i -> HttpLoad.postJson(access.baseUrl() + "/v1/servers/"
                + ids.get(i) + "/vaults", "{\"vault\":\"" + vaultPrefix + ((i + 1) % VAULTS) + "\"}"), List.of(201));
        HttpLoad.Result issued = load.run(ids.size(), 32, 0, i -> HttpLoad.postJson(tokens.baseUrl() + "/v1/tokens",
                "{\"name\":\"rest\",\"server\":\"" + ids.get(i) + "\",\"vaults\":[\"" + vaultPrefix + (i % VAULTS) + "\"]}"),
                List.of(201));
        System.out.printf("-- the same over REST, 32 clients --%n");
        System.out.printf("server create: %s%n", creates.summary("creates"));
        System.out.printf("vault grant:   %s%n", grants.summary("grants"));
        System.out.printf("token create:  %s%n", issued.summary("tokens"));
        Map<String, HttpLoad.Result> rest = Map.of("server.create", creates, "vault.grant", grants, "token.create", issued);
        for (String type : List.of("server.create", "vault.grant", "token.create")) {
            HttpLoad.Result result = rest.get(type);
            Summary.add(new Figure("commands over Kafka: " + type + " burst → replies", "≥ 1000/s",
                    last.perSecond().getOrDefault(type, 0.0), result.ok() / result.seconds, "/s",
                    "the same operation over REST, 32 clients"));
        }
    }

    /** The vaults the grants and tokens name, through access-service's REST API. */
    private static void createVaults(ServiceProcess access, String prefix) throws Exception {
        HttpClient client = new HttpLoad().client();
        for (int i = 0; i < VAULTS; i++) {
            HttpResponse<String> created = client.send(HttpLoad.postJson(access.baseUrl() + "/v1/vaults",
                    "{\"name\":\"" + prefix + i + "\"}"), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("vault create answered " + created.statusCode() + ": " + created.body());
            }
        }
    }

    /** The three phases of one round. */
    private Round round(KafkaProducer<String, String> producer, String bearer, String vaultPrefix, String name, int count)
            throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> creates = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = run + "-create-" + i;
            creates.add(id);
            records.add(record(Topics.SERVER_COMMANDS, id, bearer, id, "server.create",
                    "{\"name\":\"" + run + "-" + i + "\"}"));
        }
        Map<String, Double> perSecond = new HashMap<>();
        perSecond.put("server.create", phase(producer, "server.create", records, creates));
        List<String> servers = creates.stream().map(createdServers::get).filter(server -> server != null).toList();
        if (servers.size() < count) {
            System.out.printf("   only %d of %d creates gave a server; the next phases use those%n", servers.size(), count);
        }
        perSecond.put("vault.grant", perServer(producer, bearer, run, servers, vaultPrefix, Topics.ACCESS_COMMANDS,
                "vault.grant", (server, vault) -> "{\"server\":\"" + server + "\",\"vault\":\"" + vault + "\"}"));
        perSecond.put("token.create", perServer(producer, bearer, run, servers, vaultPrefix, Topics.TOKEN_COMMANDS,
                "token.create", (server, vault) -> "{\"name\":\"bench\",\"server\":\"" + server + "\",\"vaults\":[\""
                        + vault + "\"]}"));
        return new Round(perSecond, servers);
    }

    /** One command of {@code type} for each server, keyed by it, naming one of the vaults; one burst. */
    private double perServer(KafkaProducer<String, String> producer, String bearer, String run, List<String> servers,
                             String vaultPrefix, String topic, String type, BiFunction<String, String, String> payload)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String id = run + "-" + type + "-" + i;
            ids.add(id);
            records.add(record(topic, servers.get(i), bearer, id, type, payload.apply(servers.get(i), vaultPrefix + (i % VAULTS))));
        }
        return phase(producer, type, records, ids);
    }

    /** Produces the records in one burst and waits for a reply to each command; prints the figures, returns commands/s. */
    private double phase(KafkaProducer<String, String> producer, String type, List<ProducerRecord<String, String>> records,
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
        return accepted * 1000.0 / elapsed;
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
