package dev.connectplane.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectplane.audit.mapping.Redaction;
import dev.connectplane.contracts.envelope.EventCodec;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void removesSecretFieldsAndJwtsAtAnyDepth() {
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4eHh4eHh4eHh4In0.c2lnbmF0dXJlc2lnbmF0dXJl";
        JsonNode in = EventCodec.readTree("{\"server_id\":\"s\",\"secret\":\"x1\",\"Credential-Verifier\":\"x2\","
                + "\"list\":[{\"token\":\"x3\",\"keep\":1},\"" + jwt + "\"],\"deep\":{\"password\":\"x4\",\"key_id\":\"k\"},"
                + "\"note\":\"see " + jwt + "\"}");
        String out = Redaction.redact(in).toString();
        assertThat(out).doesNotContain("x1", "x2", "x3", "x4", jwt);
        assertThat(out).contains("\"server_id\":\"s\"", "\"keep\":1", "\"key_id\":\"k\"", Redaction.REDACTED);
    }
}
