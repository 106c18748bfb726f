package dev.connectplane.testing.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ECS fields of one release ({@code ecs_fields-<version>.json}, from ECS's
 * {@code generated/ecs/ecs_flat.yml}) and what a document must be to conform:
 * <ul>
 *   <li>every leaf is an ECS field, or lies under the custom namespace given (ours:
 *       {@code connect.}); an ECS {@code object} field (such as {@code labels}) holds only
 *       values of its {@code object_type}, no nested objects;</li>
 *   <li>each value has the field's type: keyword-like types strings, {@code long} integers,
 *       {@code date} ISO-8601 strings with an offset, {@code boolean} booleans; fields normalized
 *       to {@code array} are arrays; no nulls;</li>
 *   <li>fields with allowed values ({@code event.kind}, {@code event.category},
 *       {@code event.type}, {@code event.outcome}) hold only those, and every {@code event.type}
 *       is one the ECS lists as expected for each {@code event.category};</li>
 *   <li>the required fields ({@code @timestamp}, {@code ecs.version}) are there, and
 *       {@code ecs.version} is this release.</li>
 * </ul>
 */
public final class EcsSchema {

    private static final Pattern IP = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private final String version;
    private final JsonNode fields;
    private final String customPrefix;

    private EcsSchema(String version, JsonNode data, String customPrefix) {
        this.version = version;
        this.fields = data.path("fields");
        this.customPrefix = customPrefix;
    }

    /** {@code 8.17.0} or {@code 9.4.0}, with custom fields allowed under {@code customPrefix} (e.g. {@code connect.}). */
    public static EcsSchema version(String version, String customPrefix) {
        return new EcsSchema(version, SchemaData.read("ecs_fields-" + version + ".json"), customPrefix);
    }

    public String version() {
        return version;
    }

    /** What is wrong with one document, each as {@code field: problem}; empty when it conforms. */
    public List<String> validate(JsonNode document) {
        List<String> errors = new ArrayList<>();
        if (!document.isObject()) {
            errors.add("$: not an object");
            return errors;
        }
        walk("", document, errors);
        Iterator<Map.Entry<String, JsonNode>> all = fields.fields();
        while (all.hasNext()) {
            Map.Entry<String, JsonNode> field = all.next();
            if (field.getValue().path("required").asBoolean(false) && lookup(document, field.getKey()).isMissingNode()) {
                errors.add(field.getKey() + ": required, missing");
            }
        }
        JsonNode ecsVersion = lookup(document, "ecs.version");
        if (!ecsVersion.isMissingNode() && !version.equals(ecsVersion.asText())) {
            errors.add("ecs.version: '" + ecsVersion.asText() + "' is not " + version);
        }
        checkCategoryTypes(document, errors);
        return errors;
    }

    private void walk(String prefix, JsonNode node, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> children = node.fields();
        while (children.hasNext()) {
            Map.Entry<String, JsonNode> child = children.next();
            String name = prefix + child.getKey();
            JsonNode value = child.getValue();
            JsonNode field = fields.get(name);
            if (customPrefix != null && (name + ".").startsWith(customPrefix)) {
                continue;
            }
            if (field != null) {
                checkField(name, field, value, errors);
            } else if (value.isObject()) {
                walk(name + ".", value, errors);
            } else {
                errors.add(name + ": not an ECS " + version + " field");
            }
        }
    }

    private void checkField(String name, JsonNode field, JsonNode value, List<String> errors) {
        String type = field.path("type").asText();
        if (type.equals("object") || type.equals("flattened") || type.equals("nested")) {
            if (!value.isObject()) {
                errors.add(name + ": must be an object (" + type + ")");
            } else if (type.equals("object")) {
                String valueType = field.path("object_type").asText("keyword");
                value.fields().forEachRemaining(entry -> checkValue(name + "." + entry.getKey(), valueType, entry.getValue(), errors));
            }
            return;
        }
        boolean array = false;
        for (JsonNode normalize : field.path("normalize")) {
            array |= normalize.asText().equals("array");
        }
        if (array && !value.isArray()) {
            errors.add(name + ": must be an array (normalize: array)");
        }
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        JsonNode allowed = field.get("allowed_values");
        for (JsonNode one : values) {
            checkValue(name, type, one, errors);
            if (allowed != null && allowed.isObject() && !allowed.has(one.asText())) {
                errors.add(name + ": '" + one.asText() + "' is not an allowed value");
            }
        }
    }

    private static void checkValue(String name, String type, JsonNode value, List<String> errors) {
        if (value.isNull()) {
            errors.add(name + ": null");
            return;
        }
        switch (type) {
            case "keyword", "constant_keyword", "wildcard", "match_only_text", "text" -> {
                if (!value.isTextual()) {
                    errors.add(name + ": must be a string (" + type + "), is " + value.getNodeType());
                }
            }
            case "long", "integer", "short", "byte", "unsigned_long" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(name + ": must be an integer (" + type + ")");
                }
            }
            case "float", "double", "scaled_float", "half_float" -> {
                if (!value.isNumber()) {
                    errors.add(name + ": must be a number (" + type + ")");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(name + ": must be a boolean");
                }
            }
            case "date" -> {
                try {
                    OffsetDateTime.parse(value.asText());
                } catch (DateTimeParseException e) {
                    errors.add(name + ": '" + value.asText() + "' is not an ISO-8601 date with an offset");
                }
            }
            case "ip" -> {
                if (!value.isTextual() || !IP.matcher(value.asText()).matches()) {
                    errors.add(name + ": '" + value.asText() + "' is not an IP address");
                }
            }
            default -> {
                if (!value.isValueNode()) {
                    errors.add(name + ": must be a value (" + type + ")");
                }
            }
        }
    }

    private void checkCategoryTypes(JsonNode document, List<String> errors) {
        JsonNode expected = fields.path("event.category").path("allowed_values");
        JsonNode categories = lookup(document, "event.category");
        JsonNode types = lookup(document, "event.type");
        for (JsonNode category : categories.isArray() ? categories : List.<JsonNode>of()) {
            JsonNode allowedTypes = expected.path(category.asText());
            if (!allowedTypes.isArray()) {
                continue;
            }
            for (JsonNode type : types.isArray() ? types : List.<JsonNode>of()) {
                boolean found = false;
                for (JsonNode allowed : allowedTypes) {
                    found |= allowed.asText().equals(type.asText());
                }
                if (!found) {
                    errors.add("event.type: '" + type.asText() + "' is not expected with event.category '"
                            + category.asText() + "' (" + allowedTypes + ")");
                }
            }
        }
    }

    private static JsonNode lookup(JsonNode document, String dotted) {
        JsonNode flat = document.path(dotted);
        if (!flat.isMissingNode()) {
            return flat;
        }
        JsonNode node = document;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
