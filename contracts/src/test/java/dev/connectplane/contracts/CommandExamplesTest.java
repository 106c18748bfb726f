package dev.connectplane.contracts;

import static dev.connectplane.contracts.ContractSamplesTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.connectplane.contracts.commands.Command;
import dev.connectplane.contracts.commands.CommandType;
import dev.connectplane.contracts.envelope.EventCodec;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command type has a schema and a one-line example a user can paste into the Kafka console
 * producer; the example validates against the schema and reads into the command's payload record.
 */
class CommandExamplesTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper STRICT = EventCodec.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest
    @EnumSource(CommandType.class)
    void exampleIsOneLineValidatesAndReadsIntoItsPayload(CommandType type) throws Exception {
        String text = resource("contracts/commands/examples/" + type.wireName() + ".json").strip();
        JsonNode schema = EventCodec.readTree(resource("contracts/commands/schemas/" + type.wireName() + ".json"));

        assertThat(text).doesNotContain("\n");
        JsonNode example = EventCodec.readTree(text);
        assertThat(SCHEMAS.getSchema(schema).validate(example)).isEmpty();
        Command command = STRICT.readValue(text, Command.class);
        assertThat(command.type()).isEqualTo(type.wireName());
        assertThat(STRICT.treeToValue(command.payload(), type.payloadClass())).isNotNull();
        assertThat(schema.at("/description").asText()).contains(type.topic());
    }

    @ParameterizedTest
    @EnumSource(CommandType.class)
    void schemaNamesExactlyThePayloadRecordsFields(CommandType type) {
        JsonNode schema = EventCodec.readTree(resource("contracts/commands/schemas/" + type.wireName() + ".json"));
        Set<String> fields = Arrays.stream(type.payloadClass().getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> properties = new TreeSet<>();
        schema.at("/properties/payload/properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).isEqualTo(fields);
    }
}
