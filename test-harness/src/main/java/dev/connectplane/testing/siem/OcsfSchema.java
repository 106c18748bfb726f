package dev.connectplane.testing.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One compiled OCSF schema ({@code ocsf-<version>.compiled.json}, compiled by OCSF's own
 * compiler from the tagged {@code ocsf-schema} release) and the rules of the OCSF server's
 * validator applied to an event:
 * <ul>
 *   <li>{@code class_uid} names a class of this version; {@code category_uid} is its category and
 *       {@code type_uid} is {@code class_uid × 100 + activity_id};</li>
 *   <li>every attribute, at every depth, is one of its class's or object's attributes; one that
 *       belongs to a profile only when {@code metadata.profiles} lists that profile (which must
 *       exist and be one the class takes);</li>
 *   <li>every required attribute is there (those of undeclared profiles excepted), and each
 *       object's {@code at_least_one} / {@code just_one} constraint holds;</li>
 *   <li>values have their dictionary type (strings within their length and pattern, integers,
 *       arrays where {@code is_array}, objects recursively); no nulls;</li>
 *   <li>an enum attribute holds one of its values, and its sibling caption attribute
 *       ({@code activity_name}, {@code severity}, {@code status}, {@code type}, …) that value's
 *       caption, except for 99 (Other), which takes the source's own.</li>
 * </ul>
 * Attributes of type {@code object} (such as {@code unmapped}) take any JSON object.
 */
public final class OcsfSchema {

    private final String version;
    private final JsonNode schema;
    private final Map<Long, JsonNode> classesByUid = new HashMap<>();
    private final Set<String> profiles = new HashSet<>();

    private OcsfSchema(String version, JsonNode schema) {
        this.version = version;
        this.schema = schema;
        schema.path("classes").forEach(c -> classesByUid.put(c.path("uid").asLong(), c));
        schema.path("profiles").fieldNames().forEachRemaining(profiles::add);
    }

    /** {@code 1.1.0} or {@code 1.8.0}, from this module's copy of {@code ../shared/siem}. */
    public static OcsfSchema version(String version) {
        return new OcsfSchema(version, SchemaData.read("ocsf-" + version + ".compiled.json"));
    }

    public String version() {
        return version;
    }

    /** What is wrong with one event, each as {@code path: problem}; empty when it is valid. */
    public List<String> validate(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add("$: not an object");
            return errors;
        }
        long classUid = event.path("class_uid").asLong(-1);
        JsonNode eventClass = classesByUid.get(classUid);
        if (eventClass == null) {
            errors.add("class_uid: " + event.path("class_uid") + " is no class of OCSF " + version);
            eventClass = schema.path("classes").path("base_event");
        }
        Set<String> declared = declaredProfiles(event, eventClass, errors);
        if (event.path("category_uid").asLong(-1) != eventClass.path("category_uid").asLong()) {
            errors.add("category_uid: " + event.path("category_uid") + " is not the category of class "
                    + eventClass.path("uid") + " (" + eventClass.path("category_uid") + ")");
        }
        long expectedType = classUid * 100 + event.path("activity_id").asLong();
        if (event.path("type_uid").asLong(-1) != expectedType) {
            errors.add("type_uid: " + event.path("type_uid") + " is not class_uid × 100 + activity_id (" + expectedType + ")");
        }
        if (!version.equals(event.path("metadata").path("version").asText())) {
            errors.add("metadata.version: " + event.path("metadata").path("version") + " is not " + version);
        }
        validateObject("", eventClass.path("attributes"), eventClass.path("constraints"), event, declared, errors);
        return errors;
    }

    private Set<String> declaredProfiles(JsonNode event, JsonNode eventClass, List<String> errors) {
        Set<String> declared = new HashSet<>();
        Set<String> classProfiles = new HashSet<>();
        eventClass.path("profiles").forEach(p -> classProfiles.add(p.asText()));
        for (JsonNode profile : event.path("metadata").path("profiles")) {
            String name = profile.asText();
            if (!profiles.contains(name)) {
                errors.add("metadata.profiles: '" + name + "' is no profile of OCSF " + version);
            } else if (!classProfiles.contains(name)) {
                errors.add("metadata.profiles: class " + eventClass.path("uid") + " does not take profile '" + name + "'");
            }
            declared.add(name);
        }
        return declared;
    }

    private void validateObject(String path, JsonNode attributes, JsonNode constraints, JsonNode value,
                                Set<String> declared, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = path + field.getKey();
            JsonNode spec = attributes.get(field.getKey());
            if (spec == null) {
                errors.add(at + ": no such attribute");
                continue;
            }
            if (!inProfile(spec, declared)) {
                errors.add(at + ": belongs to profile " + spec.path("profiles") + ", not declared in metadata.profiles");
                continue;
            }
            validateValue(at, spec, field.getValue(), declared, errors);
            validateSibling(at, path, spec, field.getValue(), value, errors);
        }
        Iterator<Map.Entry<String, JsonNode>> specs = attributes.fields();
        while (specs.hasNext()) {
            Map.Entry<String, JsonNode> spec = specs.next();
            if ("required".equals(spec.getValue().path("requirement").asText()) && inProfile(spec.getValue(), declared)
                    && !value.has(spec.getKey())) {
                errors.add(path + spec.getKey() + ": required, missing");
            }
        }
        checkConstraints(path, constraints, value, errors);
    }

    private static boolean inProfile(JsonNode spec, Set<String> declared) {
        JsonNode needed = spec.get("profiles");
        if (needed == null || needed.isEmpty()) {
            return true;
        }
        for (JsonNode profile : needed) {
            if (declared.contains(profile.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void checkConstraints(String path, JsonNode constraints, JsonNode value, List<String> errors) {
        String where = path.isEmpty() ? "$" : path.substring(0, path.length() - 1);
        JsonNode atLeastOne = constraints.path("at_least_one");
        if (atLeastOne.isArray() && countPresent(atLeastOne, value) == 0) {
            errors.add(where + ": needs at least one of " + atLeastOne);
        }
        JsonNode justOne = constraints.path("just_one");
        if (justOne.isArray() && countPresent(justOne, value) != 1) {
            errors.add(where + ": needs exactly one of " + justOne);
        }
    }

    private static int countPresent(JsonNode names, JsonNode value) {
        int present = 0;
        for (JsonNode name : names) {
            if (value.has(name.asText())) {
                present++;
            }
        }
        return present;
    }

    private void validateValue(String at, JsonNode spec, JsonNode value, Set<String> declared, List<String> errors) {
        if (spec.path("is_array").asBoolean(false)) {
            if (!value.isArray()) {
                errors.add(at + ": must be an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                validateOne(at + "[" + i + "]", spec, value.get(i), declared, errors);
            }
        } else if (value.isArray()) {
            errors.add(at + ": must not be an array");
        } else {
            validateOne(at, spec, value, declared, errors);
        }
    }

    private void validateOne(String at, JsonNode spec, JsonNode value, Set<String> declared, List<String> errors) {
        if (value.isNull()) {
            errors.add(at + ": null");
            return;
        }
        String type = spec.path("type").asText();
        if (type.equals("object_t")) {
            String objectType = spec.path("object_type").asText();
            if (!value.isObject()) {
                errors.add(at + ": must be an object (" + objectType + ")");
            } else if (!objectType.equals("object")) {
                JsonNode object = schema.path("objects").path(objectType);
                if (object.isMissingNode()) {
                    errors.add(at + ": object type '" + objectType + "' is not in the schema");
                } else {
                    validateObject(at + ".", object.path("attributes"), object.path("constraints"), value, declared, errors);
                }
            }
            return;
        }
        JsonNode typeSpec = schema.path("dictionary").path("types").path("attributes").path(type);
        String base = typeSpec.path("type").asText(type);
        switch (base) {
            case "string_t" -> {
                if (!value.isTextual()) {
                    errors.add(at + ": must be a string (" + type + ")");
                    return;
                }
                int maxLength = typeSpec.path("max_len").asInt(schema.path("dictionary").path("types").path("attributes")
                        .path("string_t").path("max_len").asInt(Integer.MAX_VALUE));
                if (value.asText().length() > maxLength) {
                    errors.add(at + ": longer than " + maxLength + " (" + type + ")");
                }
                String regex = typeSpec.path("regex").asText(null);
                if (regex != null && !Pattern.compile(regex).matcher(value.asText()).find()) {
                    errors.add(at + ": '" + value.asText() + "' does not match " + type);
                }
            }
            case "integer_t", "long_t" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(at + ": must be an integer (" + type + ")");
                }
            }
            case "float_t" -> {
                if (!value.isNumber()) {
                    errors.add(at + ": must be a number (" + type + ")");
                }
            }
            case "boolean_t" -> {
                if (!value.isBoolean()) {
                    errors.add(at + ": must be a boolean");
                }
            }
            case "json_t" -> {
            }
            default -> errors.add(at + ": unknown type '" + type + "'");
        }
        JsonNode enumeration = spec.get("enum");
        if (enumeration != null && !enumeration.has(value.asText())) {
            errors.add(at + ": " + value + " is not one of " + fieldNames(enumeration));
        }
    }

    private static void validateSibling(String at, String path, JsonNode spec, JsonNode value, JsonNode parent,
                                        List<String> errors) {
        JsonNode enumeration = spec.get("enum");
        String sibling = spec.path("sibling").asText(null);
        if (enumeration == null || sibling == null || !value.isValueNode()) {
            return;
        }
        JsonNode caption = parent.get(sibling);
        if (value.asInt() == 99) {
            if (caption == null || caption.asText().isBlank()) {
                errors.add(path + sibling + ": " + at + " is 99 (Other), so the source's own caption is required");
            }
            return;
        }
        JsonNode expected = enumeration.path(value.asText()).path("caption");
        if (caption != null && !expected.isMissingNode() && !expected.asText().equals(caption.asText())) {
            errors.add(path + sibling + ": '" + caption.asText() + "' is not the caption of " + at + " = " + value
                    + " ('" + expected.asText() + "')");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
