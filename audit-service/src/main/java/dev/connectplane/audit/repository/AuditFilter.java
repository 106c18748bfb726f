package dev.connectplane.audit.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which records a query or export wants. Every field is optional; given ones must all match.
 * Times bound the event time: {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(String server, String token, String vault, String group, String actor, String action,
                          String outcome, OffsetDateTime from, OffsetDateTime to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

    /** The SQL conditions (joined with {@code and}) and their parameters, numbered from {@code firstParameter}. */
    public Where where(int firstParameter) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, firstParameter, "server_id = $", server);
        add(conditions, parameters, firstParameter, "token_id = $", token);
        if (vault != null) {
            parameters.add(new String[] {vault});
            conditions.add("vault_ids @> $" + (firstParameter + parameters.size() - 1) + "::text[]");
        }
        add(conditions, parameters, firstParameter, "group_id = $", group);
        add(conditions, parameters, firstParameter, "actor_id = $", actor);
        add(conditions, parameters, firstParameter, "action = $", action);
        add(conditions, parameters, firstParameter, "outcome = $", outcome);
        add(conditions, parameters, firstParameter, "event_time >= $", from);
        add(conditions, parameters, firstParameter, "event_time < $", to);
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), parameters);
    }

    private static void add(List<String> conditions, List<Object> parameters, int first, String condition, Object value) {
        if (value != null) {
            parameters.add(value);
            conditions.add(condition + (first + parameters.size() - 1));
        }
    }

    /** SQL conditions with their parameters. */
    public record Where(String sql, List<Object> parameters) {
    }
}
