package dev.connectplane.audit.siem;

import dev.connectplane.audit.config.AuditConfig;
import dev.connectplane.audit.repository.AuditRecord;
import dev.connectplane.foundation.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** The export formats, each turning a record into one line. */
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

    private final OcsfMapper ocsf;
    private final CefFormatter cef;

    public SiemFormats(AuditConfig config) {
        this.ocsf = new OcsfMapper(config.productVersion());
        this.cef = new CefFormatter(config.productVersion());
    }

    public String ocsf(AuditRecord record) {
        return ocsf.toOcsf(record).encode();
    }

    /** One line, without its line break. */
    public String line(Format format, AuditRecord record) {
        return switch (format) {
            case OCSF -> ocsf(record);
            case ECS -> EcsMapper.toEcs(record).encode();
            case CEF -> cef.toCef(record);
        };
    }
}
