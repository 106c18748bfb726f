package dev.connectplane.foundation.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.connectplane.foundation.text.StorableText;
import java.io.IOException;
import java.util.Optional;

/**
 * Every JSON string a request body or a command payload binds to a {@code String} goes through
 * Jackson's own string deserializer and then {@link StorableText}: text that cannot be stored is
 * a mapping error (a 400 problem over REST, a rejection reply over Kafka), never a database error.
 */
class StorableStringDeserializer extends StdScalarDeserializer<String> {

    StorableStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        Optional<String> problem = StorableText.problem(value);
        if (problem.isPresent()) {
            return (String) context.handleWeirdStringValue(String.class, value, "the text " + problem.get());
        }
        return value;
    }
}
