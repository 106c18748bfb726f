package dev.connectplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.connectplane.contracts.envelope.EventCodec;
import dev.connectplane.contracts.envelope.EventDecodingException;
import dev.connectplane.contracts.envelope.EventEnvelope;
import dev.connectplane.contracts.envelope.EventPayload;
import dev.connectplane.contracts.envelope.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The golden samples are events as they were once published. Each must still validate against
 * its schema, decode into its record and encode back to the same JSON: a record or schema change
 * that would break old events fails here.
 */
class ContractSamplesTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleValidatesAgainstItsSchema(EventType type) {
        assertThat(validate(type, sample(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSampleDecodesIntoItsRecordAndEncodesBackUnchanged(EventType type) {
        String text = resource("contracts/samples/" + type.type() + ".json");

        EventEnvelope<EventPayload> event = EventCodec.decode(text);

        assertThat(event.data()).isInstanceOf(type.payloadClass());
        assertThat(event.type()).isEqualTo(type.type());
        assertThat(event.subject()).isEqualTo(event.data().subject());
        assertThat(event.partitionkey()).isEqualTo(event.data().partitionKey());
        JsonNode reencoded = EventCodec.readTree(EventCodec.encode(event));
        assertThat(reencoded).isEqualTo(sample(type));
        assertThat(validate(type, reencoded)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaNamesExactlyTheRecordsFields(EventType type) {
        Set<String> recordFields = Arrays.stream(type.payloadClass().getRecordComponents())
                .map(c -> SNAKE.translate(c.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        JsonNode dataProperties = schema(type).path("properties").path("data").path("properties");

        assertThat(fieldNames(dataProperties)).isEqualTo(recordFields);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsAnEventWithoutItsRequiredData(EventType type) {
        ObjectNode broken = sample(type).deepCopy();
        String firstRequired = schema(type).path("properties").path("data").path("required").get(0).asText();
        ((ObjectNode) broken.get("data")).remove(firstRequired);

        assertThat(validate(type, broken)).isNotEmpty();
        assertThatThrownBy(() -> EventCodec.decode(broken.toString())).isInstanceOf(EventDecodingException.class);
    }

    @Test
    void everySchemaFileBelongsToAKnownType() {
        for (EventType type : EventType.values()) {
            assertThat(schema(type).path("title").asText()).isEqualTo(type.type());
        }
        assertThat(EventType.values()).hasSize(21);
    }

    @Test
    void unknownTypesAndNonJsonAreRefusedWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\","
                + "\"type\":\"connect.unknown.v9\",\"time\":\"2026-11-28T04:00:00Z\",\"data\":{}}"))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventCodec.decode("not json"))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventCodec.decode(""))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("empty");
    }

    @Test
    void unknownPropertiesFromANewerProducerAreIgnored() {
        ObjectNode newer = sample(EventType.SERVER_CREATED).deepCopy();
        ((ObjectNode) newer.get("data")).put("field_from_the_future", "x");

        EventEnvelope<EventPayload> event = EventCodec.decode(newer.toString());

        assertThat(event.data().subject()).isEqualTo(newer.at("/data/server_id").asText());
    }

    private static Set<ValidationMessage> validate(EventType type, JsonNode node) {
        JsonSchema schema = SCHEMAS.getSchema(schema(type));
        return schema.validate(node);
    }

    private static JsonNode schema(EventType type) {
        return EventCodec.readTree(resource("contracts/schemas/" + type.type() + ".json"));
    }

    private static ObjectNode sample(EventType type) {
        return (ObjectNode) EventCodec.readTree(resource("contracts/samples/" + type.type() + ".json"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String resource(String path) {
        try (InputStream in = ContractSamplesTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
