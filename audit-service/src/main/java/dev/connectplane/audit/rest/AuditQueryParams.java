package dev.connectplane.audit.rest;

import dev.connectplane.audit.repository.AuditFilter;
import dev.connectplane.foundation.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The filters shared by the query and export endpoints. */
public class AuditQueryParams {

    private static final Set<String> OUTCOMES = Set.of("success", "failure", "unknown");

    @QueryParam("server")
    String server;

    @QueryParam("token")
    String token;

    @QueryParam("vault")
    String vault;

    @QueryParam("group")
    String group;

    @QueryParam("actor")
    String actor;

    @QueryParam("action")
    String action;

    @QueryParam("outcome")
    String outcome;

    /** Event time from (inclusive), ISO-8601. */
    @QueryParam("from")
    String from;

    /** Event time to (exclusive), ISO-8601. */
    @QueryParam("to")
    String to;

    /** The parameters read from any source of query parameters (for routes outside JAX-RS). */
    public static AuditQueryParams of(UnaryOperator<String> parameter) {
        AuditQueryParams params = new AuditQueryParams();
        params.server = parameter.apply("server");
        params.token = parameter.apply("token");
        params.vault = parameter.apply("vault");
        params.group = parameter.apply("group");
        params.actor = parameter.apply("actor");
        params.action = parameter.apply("action");
        params.outcome = parameter.apply("outcome");
        params.from = parameter.apply("from");
        params.to = parameter.apply("to");
        return params;
    }

    public AuditFilter toFilter() {
        String wantedOutcome = blankToNull(outcome);
        if (wantedOutcome != null && !OUTCOMES.contains(wantedOutcome.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("invalid-outcome", "outcome '" + outcome + "' is not one of success, failure, unknown");
        }
        OffsetDateTime fromTime = time("from", from);
        OffsetDateTime toTime = time("to", to);
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            throw ProblemException.badRequest("invalid-range", "'to' must be after 'from'");
        }
        return new AuditFilter(blankToNull(server), blankToNull(token), blankToNull(vault), blankToNull(group),
                blankToNull(actor), blankToNull(action), wantedOutcome == null ? null : wantedOutcome.toLowerCase(Locale.ROOT),
                fromTime, toTime);
    }

    private static OffsetDateTime time(String name, String text) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-time", "'" + name + "' must be an ISO-8601 time with an offset, "
                    + "e.g. 2026-11-28T09:00:00Z, not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
