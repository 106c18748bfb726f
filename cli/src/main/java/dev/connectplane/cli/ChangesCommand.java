package dev.connectplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.contracts.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connectctl changes watch}: follow {@code connect.access-changes}, one line per change. */
@Command(name = "changes", description = "Follow the access-change stream.", mixinStandardHelpOptions = true)
class ChangesCommand {

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Print each change in what a token or "
            + "server may access, in order per server, as it happens (Ctrl-C to stop).")
    int watch(@Mixin OutputOptions options,
              @Option(names = "--server", description = "Only this server's changes (server ID).") String server,
              @Option(names = "--from-beginning", description = "Start from the oldest change kept, not from now.")
              boolean fromBeginning,
              @Option(names = "--limit", description = "Stop after this many changes.") Integer limit,
              @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds.")
              Integer timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        properties.putAll(options.kafkaSignIn());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "connectctl-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the relays publish in transactions: see what they committed, never an aborted round
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        int seen = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ACCESS_CHANGES));
            while (System.nanoTime() < deadline && (limit == null || seen < limit)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (server != null && !server.equals(record.key())) {
                        continue;
                    }
                    print(options, record.value());
                    seen++;
                    if (limit != null && seen >= limit) {
                        break;
                    }
                }
            }
        } catch (KafkaException e) {
            throw new CliException("cannot follow " + Topics.ACCESS_CHANGES + " at " + options.kafka() + ": " + e.getMessage());
        }
        return 0;
    }

    private static void print(OutputOptions options, String value) {
        JsonNode event;
        try {
            event = Api.JSON.readTree(value);
        } catch (IOException e) {
            System.out.println("(unreadable change) " + value);
            return;
        }
        JsonNode data = event.path("data");
        if (options.json()) {
            System.out.println(event.toString());
            System.out.flush();
            return;
        }
        List<String> vaults = new ArrayList<>();
        data.path("vaults").forEach(v -> vaults.add(v.path("vault_name").asText()));
        System.out.println(String.join("  ", event.path("time").asText(), data.path("change").asText(),
                "server " + data.path("server_id").asText(),
                data.hasNonNull("token_id") ? "token " + data.path("token_id").asText() : "",
                data.hasNonNull("removed_vault_id") ? "removed vault " + data.path("removed_vault_id").asText() : "",
                vaults.isEmpty() ? "" : "vaults " + String.join(",", vaults),
                data.hasNonNull("reason") ? "reason " + data.path("reason").asText() : "").replaceAll(" {3,}", "  ").strip());
        System.out.flush();
    }
}
