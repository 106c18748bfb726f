package dev.connectplane.audit.rest;

import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.service.ChainVerification;
import dev.connectplane.audit.service.ChainVerifier;
import dev.connectplane.audit.service.CheckpointSigner;
import dev.connectplane.audit.service.Checkpoints;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.authz.CallerRights;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit history: query with filters and cursors, verify the hash chain, and the key of its signed checkpoints. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AuditStore store;
    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;

    private final CurrentCaller caller;
    private final Authorizer authorizer;

    public AuditResource(AuditStore store, ChainVerifier verifier, Checkpoints checkpoints, CurrentCaller caller,
                         Authorizer authorizer) {
        this.checkpoints = checkpoints;
        this.caller = caller;
        this.authorizer = authorizer;
        this.store = store;
        this.verifier = verifier;
    }

    @GET
    @Path("records")
    @Operation(summary = "Audit records matching every given filter, oldest or newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "a page of records and the cursor of the next")
    @APIResponse(responseCode = "400", description = "a malformed filter, limit, order or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AuditPage> records(@BeanParam AuditQueryParams params, @QueryParam("order") @DefaultValue("oldest") String order,
                                  @QueryParam("limit") @DefaultValue("100") String limitText,
                                  @QueryParam("cursor") String cursor) {
        return managersOnly().chain(() -> page(params, order, limitText, cursor));
    }

    private Uni<AuditPage> page(AuditQueryParams params, String order, String limitText, String cursor) {
        boolean newestFirst = switch (order) {
            case "oldest" -> false;
            case "newest" -> true;
            default -> throw ProblemException.badRequest("invalid-order", "order is 'oldest' or 'newest', not '" + order + "'");
        };
        int limit = number(limitText, "invalid-limit", "limit is a whole number between 1 and " + MAX_LIMIT).intValue();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit", "limit is between 1 and " + MAX_LIMIT);
        }
        Long after = cursor == null || cursor.isBlank() ? null : decodeCursor(cursor, newestFirst);
        return store.page(params.toFilter(), after, newestFirst, limit).map(records -> {
            List<AuditRecordView> views = records.stream().map(AuditRecordView::of).toList();
            String next = records.size() < limit ? null : encodeCursor(records.get(records.size() - 1), newestFirst);
            return new AuditPage(views, next);
        });
    }

    @GET
    @Path("verify")
    @Operation(summary = "Recompute the hash chain over all records or positions from_seq..to_seq; report the first broken link")
    public Uni<ChainVerification> verify(@QueryParam("from_seq") String fromSeq, @QueryParam("to_seq") String toSeq) {
        String rule = "a range is from_seq >= 1 to to_seq >= from_seq, whole numbers";
        return managersOnly().chain(() -> verifier.verify(fromSeq == null ? null : number(fromSeq, "invalid-range", rule),
                toSeq == null ? null : number(toSeq, "invalid-range", rule)));
    }

    @GET
    @Path("checkpoints/keys")
    @Operation(summary = "The public key that signs the chain checkpoints on connect.audit.checkpoints, as a JWK Set")
    @APIResponse(responseCode = "200", description = "a JWK Set (RFC 7517) of the ES256 key, public part only")
    @APIResponse(responseCode = "404", description = "checkpoints are off (no key location configured)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> checkpointKeys() {
        return managersOnly().map(rights -> checkpoints.signer()
                .map(CheckpointSigner::publicJwks)
                .orElseThrow(() -> new ProblemException(404, "checkpoints-off", "Checkpoints are off",
                        "audit-service signs no checkpoints: CONNECT_AUDIT_CHECKPOINTS_KEY_LOCATION is not set")));
    }

    private Uni<CallerRights> managersOnly() {
        return authorizer.requireManager(caller.actor(), "read the audit history");
    }

    private static Long number(String text, String slug, String rule) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(slug, rule + ", not '" + text + "'");
        }
    }

    /**
     * A cursor is the chain position of the last record of a page, with the order it belongs to.
     * Positions only grow and a record is queryable only once it has one, so pages stay stable
     * while new records arrive: they can only appear after the last page, oldest first.
     */
    static String encodeCursor(AuditRecord last, boolean newestFirst) {
        String text = "v1:" + (newestFirst ? "newest" : "oldest") + ":" + last.seq();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Long decodeCursor(String cursor, boolean newestFirst) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("not a cursor");
            }
            if (!parts[1].equals(newestFirst ? "newest" : "oldest")) {
                throw ProblemException.badRequest("invalid-cursor", "this cursor belongs to a query ordered '" + parts[1]
                        + "'; ask with the same order");
            }
            return Long.parseLong(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor is not one this service gave out");
        }
    }
}
