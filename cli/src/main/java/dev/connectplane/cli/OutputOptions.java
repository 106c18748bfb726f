package dev.connectplane.cli;

import picocli.CommandLine.Option;

/** {@link GlobalOptions} with {@code --format human|json}: every command but the SIEM export takes these. */
public class OutputOptions extends GlobalOptions {

    /** How results are printed. */
    public enum Format { human, json }

    @Option(names = "--format", paramLabel = "human|json", defaultValue = "human",
            description = "Output format: human (tables, the default) or json (the API's field names).")
    Format format;

    @Override
    boolean json() {
        return format == Format.json;
    }
}
