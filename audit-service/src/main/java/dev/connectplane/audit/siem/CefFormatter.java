package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;

/**
 * An audit record as one CEF line:
 * {@code CEF:0|Connect Control Plane|connect-control-plane|VERSION|ACTION|NAME|SEVERITY|EXTENSIONS}.
 * Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =}
 * and line breaks ({@code \n}, {@code \r}), as the CEF specification requires. Line breaks in
 * header fields become spaces, since a header has no escape for them.
 */
public final class CefFormatter {

    private final String productVersion;

    public CefFormatter(String productVersion) {
        this.productVersion = productVersion;
    }

    public String toCef(AuditRecord record) {
        StringBuilder line = new StringBuilder("CEF:0|Connect Control Plane|connect-control-plane|")
                .append(header(productVersion)).append('|')
                .append(header(record.action())).append('|')
                .append(header(record.action() + " " + OcsfMapper.describeTargets(record))).append('|')
                .append(AuditAction.named(record.action()).removes() ? 5 : 3).append('|');
        extension(line, "rt", Long.toString(record.eventTime().toInstant().toEpochMilli()));
        extension(line, "externalId", record.eventId());
        extension(line, "act", record.action());
        extension(line, "outcome", record.outcome());
        extension(line, "suser", record.actorId());
        extension(line, "cs1Label", "serverId");
        extension(line, "cs1", record.serverId());
        extension(line, "cs2Label", "serverName");
        extension(line, "cs2", record.serverName());
        extension(line, "cs3Label", "tokenId");
        extension(line, "cs3", record.tokenId());
        extension(line, "cs4Label", "vaultIds");
        extension(line, "cs4", record.vaultIds().isEmpty() ? null : String.join(",", record.vaultIds()));
        extension(line, "cs5Label", "groupId");
        extension(line, "cs5", record.groupId());
        extension(line, "cs6Label", "causationId");
        extension(line, "cs6", record.causationId());
        extension(line, "cat", record.eventType());
        extension(line, "msg", record.details().encode());
        return line.toString().stripTrailing();
    }

    static String header(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String extensionValue(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void extension(StringBuilder line, String key, String value) {
        if (value != null) {
            line.append(key).append('=').append(extensionValue(value)).append(' ');
        }
    }
}
