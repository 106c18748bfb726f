package dev.connectplane.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what on a secured broker: the table in {@code local-infra/kafka-acls.txt}, one
 * allow rule a line (principal, operation, resource type, pattern type, name). KafkaMain
 * creates exactly these ACLs; every principal of the table, and {@value #ADMIN}, gets SCRAM
 * credentials ({@link KafkaCredentials}).
 */
public final class KafkaAclPlan {

    /** The broker's super user: topic and ACL set-up only. */
    public static final String ADMIN = "admin";
    static final String RESOURCE = "local-infra/kafka-acls.txt";

    /** One allow rule. */
    public record Rule(String principal, String operation, String resourceType, String patternType, String name) {
    }

    private KafkaAclPlan() {
    }

    /** Every rule of the table, in its order. */
    public static List<Rule> rules() {
        try (InputStream in = KafkaAclPlan.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: build local-infra with Maven");
            }
            List<Rule> rules = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] fields = text.split("\\s+");
                if (fields.length != 5) {
                    throw new IllegalStateException(RESOURCE + ": not five fields: " + line);
                }
                rules.add(new Rule(fields[0], fields[1], fields[2], fields[3], fields[4]));
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every principal that needs credentials: the table's and {@value #ADMIN}. */
    public static Set<String> principals() {
        Set<String> principals = new TreeSet<>();
        principals.add(ADMIN);
        rules().forEach(rule -> principals.add(rule.principal()));
        return principals;
    }
}
