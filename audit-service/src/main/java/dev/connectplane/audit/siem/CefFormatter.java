package dev.connectplane.audit.siem;

import dev.connectplane.audit.mapping.AuditAction;
import dev.connectplane.audit.repository.AuditRecord;

/**
 * An audit record as one CEF line:
 * {@code CEF:0|Connect Control Plane|connect-control-plane|VERSION|ACTION|NAME|SEVERITY|EXTENSIONS}.
 * Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =}
 * and line breaks ({@code \n}, {@code \r}), as the CEF specification requires. Line breaks in
 * header fields become spaces, since a header has no escape for them. Every value is kept
 * within the length the CEF dictionary gives its key (the name 512, {@code externalId} 40,
 * {@code act} 63, {@code msg}, {@code cat} and {@code suser} 1023, {@code cs1}–{@code cs6}
 * 4000); a longer one is cut and ends with {@link #TRUNCATED}, so that the cut is evident.
 */
public final class CefFormatter {

    /** What ends a value cut to its key's length. */
    public static final String TRUNCATED = "…";

    private final String productVersion;

    public CefFormatter(String productVersion) {
        this.productVersion = productVersion;
    }

    public String toCef(AuditRecord record) {
        StringBuilder line = new StringBuilder("CEF:0|Connect Control Plane|connect-control-plane|")
                .append(header(fit(productVersion, 63))).append('|')
                .append(header(fit(record.action(), 1023))).append('|')
                .append(header(fit(record.action() + " " + OcsfMapper.describeTargets(record), 512))).append('|')
                .append(severity(record)).append('|');
        extension(line, "rt", Long.toString(record.eventTime().toInstant().toEpochMilli()), 0);
        extension(line, "externalId", record.eventId(), 40);
        extension(line, "act", record.action(), 63);
        extension(line, "outcome", record.outcome(), 0);
        extension(line, "suser", record.actorId(), 1023);
        labelled(line, 1, "serverId", record.serverId());
        labelled(line, 2, "serverName", record.serverName());
        labelled(line, 3, "tokenId", record.tokenId());
        labelled(line, 4, "vaultIds", record.vaultIds().isEmpty() ? null : String.join(",", record.vaultIds()));
        labelled(line, 5, "groupId", record.groupId());
        labelled(line, 6, "causationId", record.causationId());
        extension(line, "cat", record.eventType(), 1023);
        extension(line, "msg", SiemJson.encode(record.details()), 1023);
        return line.toString().stripTrailing();
    }

    private static int severity(AuditRecord record) {
        if (AuditAction.named(record.action()).removes()) {
            return 5;
        }
        return AuditRecord.FAILURE.equals(record.outcome()) ? 4 : 3;
    }

    /** {@code value} within {@code limit} characters, cut and marked with {@link #TRUNCATED} when longer. */
    static String fit(String value, int limit) {
        if (value == null || limit <= 0 || value.length() <= limit) {
            return value;
        }
        int end = limit - TRUNCATED.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + TRUNCATED;
    }

    static String header(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    static String extensionValue(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void labelled(StringBuilder line, int n, String label, String value) {
        if (value != null) {
            extension(line, "cs" + n + "Label", label, 1023);
            extension(line, "cs" + n, value, 4000);
        }
    }

    private static void extension(StringBuilder line, String key, String value, int limit) {
        if (value != null) {
            line.append(key).append('=').append(extensionValue(fit(value, limit))).append(' ');
        }
    }
}
