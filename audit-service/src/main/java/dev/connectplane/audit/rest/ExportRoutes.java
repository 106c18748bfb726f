package dev.connectplane.audit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.repository.AuditFilter;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.audit.repository.AuditStore;
import dev.connectplane.audit.siem.SiemFormats.Format;
import dev.connectplane.audit.siem.SiemFormats;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.faults.TransientFailures;
import dev.connectplane.foundation.problem.Problem;
import dev.connectplane.foundation.problem.ProblemException;
import dev.connectplane.foundation.problem.ProblemResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/audit/export/{ocsf|ecs|cef}}: streams audit records for SIEMs, oldest first,
 * one line per record; OCSF and ECS as NDJSON, CEF as text lines; the query filters of
 * {@code /v1/audit/records}, and {@code version} for another OCSF or ECS release than the
 * configured one. Records are read a page at a time by chain position; the next page is read
 * while one is written, and written only once that one is on the socket, so an export of any
 * size runs in constant memory (two pages) and at the pace of the client. A Vert.x route rather
 * than a JAX-RS method, so that the lines go out as they are, without per-item framing.
 */
@ApplicationScoped
public class ExportRoutes {

    private static final Logger LOG = Logger.getLogger(ExportRoutes.class);

    private final AuditStore store;
    private final SiemFormats formats;
    private final ObjectMapper mapper;
    private final int pageSize;
    private final BearerAuthentication bearer;
    private final Authorizer authorizer;

    public ExportRoutes(AuditStore store, SiemFormats formats, ObjectMapper mapper, AuditConfig config,
                        BearerAuthentication bearer, Authorizer authorizer) {
        this.store = store;
        this.formats = formats;
        this.mapper = mapper;
        this.pageSize = config.pageSize();
        this.bearer = bearer;
        this.authorizer = authorizer;
    }

    void routes(@Observes Router router) {
        router.get("/v1/audit/export/:format").handler(this::export);
    }

    /** Managers only, like the rest of the audit API: authenticated here, as this is not a REST resource. */
    private void export(RoutingContext context) {
        bearer.authenticate(context.request().getHeader(HttpHeaders.AUTHORIZATION))
                .chain(actor -> authorizer.requireManager(actor, "export the audit history"))
                .subscribe()
                .with(rights -> start(context), failure -> refuse(context, asProblem(failure)));
    }

    private void start(RoutingContext context) {
        HttpServerResponse response = context.response();
        Format format;
        Function<AuditRecord, String> writer;
        AuditFilter filter;
        try {
            format = Format.parse(context.pathParam("format"));
            writer = formats.writer(format, blankToNull(context.request().getParam("version")));
            filter = AuditQueryParams.of(context.request()::getParam).toFilter();
        } catch (ProblemException e) {
            refuse(context, e);
            return;
        }
        response.setChunked(true).putHeader("Content-Type", format.mediaType() + "; charset=UTF-8");
        writeFrom(response, writer, filter, read(filter, null));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ProblemException asProblem(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        if (TransientFailures.isTransient(failure)) {
            return new ProblemException(503, "unavailable", "Service unavailable",
                    "the database is unavailable for the moment; try again");
        }
        return new ProblemException(500, "internal-error", "Internal error", "the export could not start; try again");
    }

    private void refuse(RoutingContext context, ProblemException e) {
        HttpServerResponse response = context.response().setStatusCode(e.status());
        if (e.status() == 503) {
            response.putHeader("Retry-After", Integer.toString(ProblemResponses.RETRY_AFTER_SECONDS));
        }
        if (e.challenge() != null) {
            response.putHeader("WWW-Authenticate", e.challenge());
        }
        try {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(e.toProblem(context.request().path())));
        } catch (Exception json) {
            response.end();
        }
    }

    /**
     * Writes the page once it is read, while the page after it is read (a full page means there
     * may be more): at most two pages are held, the one being written and the next, and the next
     * is written only once this one is on the socket.
     */
    private void writeFrom(HttpServerResponse response, Function<AuditRecord, String> writer, AuditFilter filter,
                           CompletionStage<List<AuditRecord>> reading) {
        reading.whenComplete((page, failure) -> {
            if (failure != null) {
                abandon(response, failure);
                return;
            }
            if (page.isEmpty()) {
                response.end();
                return;
            }
            CompletionStage<List<AuditRecord>> next = page.size() < pageSize ? null
                    : read(filter, page.get(page.size() - 1).seq());
            Buffer lines;
            try {
                lines = lines(writer, page);
            } catch (RuntimeException e) {
                abandon(response, e);
                return;
            }
            response.write(lines).onComplete(written -> {
                if (written.failed()) {
                    LOG.debugf("export client went away: %s", written.cause().getMessage());
                } else if (next == null) {
                    response.end();
                } else {
                    writeFrom(response, writer, filter, next);
                }
            });
        });
    }

    /** The export cannot go on once its lines have started: the connection is reset, so the client sees it cut short. */
    private static void abandon(HttpServerResponse response, Throwable failure) {
        LOG.errorf(failure, "export failed after it started");
        response.reset();
    }

    /** Starts reading the page after chain position {@code after} (from the start when null). */
    private CompletionStage<List<AuditRecord>> read(AuditFilter filter, Long after) {
        return store.page(filter, after, false, pageSize).subscribeAsCompletionStage();
    }

    private static Buffer lines(Function<AuditRecord, String> writer, List<AuditRecord> page) {
        StringBuilder lines = new StringBuilder(page.size() * 700);
        for (AuditRecord record : page) {
            lines.append(writer.apply(record)).append('\n');
        }
        return Buffer.buffer(lines.toString());
    }
}
