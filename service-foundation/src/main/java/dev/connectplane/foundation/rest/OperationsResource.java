package dev.connectplane.foundation.rest;

import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.authz.CallerRights;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.operations.DeadLetter;
import dev.connectplane.foundation.operations.DeadLetters;
import dev.connectplane.foundation.operations.ParkedRow;
import dev.connectplane.foundation.outbox.ParkedRows;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What an operator needs when something was set aside, in every service, for managers only:
 * the records on the service's dead-letter topic (where they came from and why, never their
 * content), their replay once the cause is fixed, and the outbox rows parked because the broker
 * will never take them, to send again or discard.
 */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class OperationsResource {

    private static final Pattern POSITION = Pattern.compile("\\d{1,9}:\\d{1,18}");

    private final DeadLetters deadLetters;
    private final ParkedRows parkedRows;
    private final CurrentCaller caller;
    private final Authorizer authorizer;

    /** The dead-letter positions to replay ({@code partition:offset}), or {@code all} for every record listed. */
    public record ReplayRequest(List<String> positions, Boolean all) {
    }

    public OperationsResource(DeadLetters deadLetters, ParkedRows parkedRows, CurrentCaller caller, Authorizer authorizer) {
        this.deadLetters = deadLetters;
        this.parkedRows = parkedRows;
        this.caller = caller;
        this.authorizer = authorizer;
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "The newest records on this service's dead-letter topic, newest first: position, reason, "
            + "source topic and position, key, type and ID (never the content)")
    @APIResponse(responseCode = "200", description = "the newest dead letters")
    @APIResponse(responseCode = "503", description = "the broker does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DeadLetter>> deadLetters(@QueryParam("limit") @DefaultValue("100") String limit) {
        int max = limit(limit, DeadLetters.MAX_RECORDS);
        return managersOnly("see the dead letters")
                .chain(() -> blocking(() -> deadLetters.newest(max)));
    }

    @POST
    @Path("dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send dead letters back to the topics they came from (the named positions, or all of the "
            + "newest 1,000); each is applied once")
    @APIResponse(responseCode = "200", description = "what was replayed")
    @APIResponse(responseCode = "422", description = "a named position holds no dead letter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> replay(ReplayRequest request) {
        ProblemException.requireBody(request);
        List<String> positions = request.positions() == null ? List.of() : request.positions();
        if (positions.isEmpty() != Boolean.TRUE.equals(request.all())) {
            throw ProblemException.badRequest("replay-what", "name the dead letters to replay in 'positions', "
                    + "or set 'all' to true (not both)");
        }
        for (String position : positions) {
            if (position == null || !POSITION.matcher(position).matches()) {
                throw ProblemException.badRequest("malformed-position", "a dead-letter position is <partition>:<offset>");
            }
        }
        return managersOnly("replay dead letters")
                .chain(() -> blocking(() -> deadLetters.replay(positions)))
                .map(sent -> Map.of("topic", deadLetters.topic(), "replayed", sent));
    }

    @GET
    @Path("outbox/parked")
    @Operation(summary = "The outbox rows parked because the broker will never take them (no payload)")
    public Uni<List<ParkedRow>> parked(@QueryParam("limit") @DefaultValue("100") String limit) {
        int max = limit(limit, DeadLetters.MAX_RECORDS);
        return managersOnly("see the parked outbox rows")
                .chain(() -> parkedRows.list(max));
    }

    @POST
    @Path("outbox/parked/{seq}/retry")
    @Operation(summary = "Send a parked row again, first of its key (once the broker takes it)")
    @APIResponse(responseCode = "200", description = "the row, released")
    @APIResponse(responseCode = "404", description = "no parked row with this sequence number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> retry(@PathParam("seq") String seq) {
        long number = seq(seq);
        return managersOnly("send a parked outbox row again")
                .chain(() -> parkedRows.retry(number))
                .map(done -> settled(done, number, "retried"));
    }

    @POST
    @Path("outbox/parked/{seq}/discard")
    @Operation(summary = "Give a parked row up, so that the rows of its key behind it are published")
    @APIResponse(responseCode = "200", description = "the row, released")
    @APIResponse(responseCode = "404", description = "no parked row with this sequence number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Map<String, Object>> discard(@PathParam("seq") String seq) {
        long number = seq(seq);
        return managersOnly("discard a parked outbox row")
                .chain(() -> parkedRows.discard(number, caller.actor().id()))
                .map(done -> settled(done, number, "discarded"));
    }

    private static Map<String, Object> settled(boolean done, long seq, String outcome) {
        if (!done) {
            throw ProblemException.notFound("parked row", Long.toString(seq));
        }
        return Map.of("seq", seq, "outcome", outcome);
    }

    private Uni<CallerRights> managersOnly(String action) {
        return authorizer.requireManager(caller.actor(), action);
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static int limit(String text, int max) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("malformed-limit", "limit is a whole number from 1 to " + max);
    }

    private static long seq(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("malformed-seq", "a parked row is named by its sequence number");
        }
    }
}
