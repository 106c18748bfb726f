package dev.connectplane.audit.siem;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.foundation.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.function.Function;

/**
 * The export formats, each turning a record into one line, in the schema version configured
 * ({@code connect.audit.ocsf-version}, {@code connect.audit.ecs-version}) or asked for.
 */
@ApplicationScoped
public class SiemFormats {

    /** An export format and its media type. */
    public enum Format {
        OCSF("application/x-ndjson"), ECS("application/x-ndjson"), CEF("text/plain");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Format parse(String text) {
            try {
                return valueOf((text == null ? "ocsf" : text.strip()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-format", "format '" + text + "' is not one of ocsf, ecs, cef");
            }
        }
    }

    private final String productVersion;
    private final OcsfMapper ocsf;
    private final EcsMapper ecs;
    private final CefFormatter cef;

    public SiemFormats(AuditConfig config) {
        this.productVersion = config.productVersion();
        this.ocsf = new OcsfMapper(productVersion, config.ocsfVersion());
        this.ecs = new EcsMapper(config.ecsVersion());
        this.cef = new CefFormatter(productVersion);
    }

    /** The OCSF form in the configured version, as published on {@code connect.audit.siem}. */
    public String ocsf(AuditRecord record) {
        return SiemJson.encode(ocsf.toOcsf(record));
    }

    /** The ECS form in the configured version. */
    public String ecs(AuditRecord record) {
        return SiemJson.encode(ecs.toEcs(record));
    }

    /**
     * What writes one line of {@code format}, without its line break: in the configured schema
     * version, or in {@code version} when given (OCSF 1.1.0 or 1.8.0, ECS 8.17.0 or 9.4.0; CEF
     * has none).
     *
     * @throws ProblemException 400 for a version the format does not have
     */
    public Function<AuditRecord, String> writer(Format format, String version) {
        try {
            return switch (format) {
                case OCSF -> {
                    OcsfMapper mapper = version == null ? ocsf : new OcsfMapper(productVersion, version);
                    yield record -> SiemJson.encode(mapper.toOcsf(record));
                }
                case ECS -> {
                    EcsMapper mapper = version == null ? ecs : new EcsMapper(version);
                    yield record -> SiemJson.encode(mapper.toEcs(record));
                }
                case CEF -> {
                    if (version != null) {
                        throw new IllegalArgumentException("CEF has one version; leave out 'version'");
                    }
                    yield cef::toCef;
                }
            };
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-version", e.getMessage());
        }
    }
}
