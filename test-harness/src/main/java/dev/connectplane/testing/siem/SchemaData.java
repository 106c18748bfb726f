package dev.connectplane.testing.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The official schema data copied from {@code ../shared/siem} into this module's {@code siem/} resources. */
final class SchemaData {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaData() {
    }

    static JsonNode read(String name) {
        try (InputStream in = SchemaData.class.getResourceAsStream("/siem/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema data siem/" + name + " in test-harness");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
