package dev.connectplane.audit.siem;

import java.util.List;

/** The schema releases each JSON format is emitted in. */
final class SchemaReleases {

    /** OCSF: 1.1.0, what most SIEM intakes accept, and 1.8.0, the current release. */
    static final List<String> OCSF = List.of("1.1.0", "1.8.0");
    /** ECS: 8.17.0 and 9.4.0. */
    static final List<String> ECS = List.of("8.17.0", "9.4.0");

    private SchemaReleases() {
    }

    /** {@code version}, when it is one of {@code known}. */
    static String require(String format, List<String> known, String version) {
        if (!known.contains(version)) {
            throw new IllegalArgumentException(format + " version '" + version + "' is not one of " + String.join(", ", known));
        }
        return version;
    }
}
