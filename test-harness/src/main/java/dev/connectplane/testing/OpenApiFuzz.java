package dev.connectplane.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectplane.contracts.envelope.EventCodec;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hostile requests generated from a service's own OpenAPI document ({@code /q/openapi}): for
 * every operation, each path parameter, each query parameter and each field of the request body
 * (found through the body's schema) in turn gets every hostile value (NUL, lone surrogates,
 * huge text, path tricks, wrong JSON types, {@code null} inside arrays), and the whole body is
 * replaced by malformed JSON. Sent as a manager, so authorization lets them through to the code
 * that would fail. The report lists every answer of 500 or more.
 */
public final class OpenApiFuzz {

    /**
     * What was sent, every answer that was a server error, and every answer whose status the
     * operation's document does not list (the documents must say what a call can answer).
     */
    public record Report(int sent, List<String> serverErrors, List<String> undocumented) {

        /** Prints the count for {@code service}, then fails listing every server error and undocumented answer. */
        public void verify(String service) {
            System.out.printf("%s: %d hostile requests, %d server errors, %d undocumented answers%n", service, sent,
                    serverErrors.size(), undocumented.size());
            if (sent < 100) {
                throw new AssertionError(service + ": only " + sent + " requests: the OpenAPI document lists too little");
            }
            if (!serverErrors.isEmpty() || !undocumented.isEmpty()) {
                throw new AssertionError(service + ": server errors " + serverErrors + "; answers the OpenAPI document "
                        + "does not list " + undocumented);
            }
        }
    }

    /** Hostile texts for path segments and query parameters, already percent-encoded. */
    static final List<String> HOSTILE_PARAMETERS = List.of(
            "%00", "a%00b", "%ED%A0%80", "%ED%B0%80x", "%EF%BF%BF", "%F4%8F%BF%BF", "%C0%AF", "%FF%FE",
            "x".repeat(5_000), "%20", "..", "%2E%2E%2F%2E%2E", "'%3B%20drop%20table%20x%3B--", "%F0%9F%94%91",
            "%E2%80%AE", "null", "-1", "0", "99999999999999999999", "%25", "%0A%0D", "%5B%5D");

    /** Hostile JSON values for a body field (as JSON text). */
    static final List<String> HOSTILE_VALUES = List.of(
            "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud800\"", "\"x\\udfff\"", "\"\\udbff\\udfff\"",
            "\"" + "y".repeat(100_000) + "\"", "\"\"", "\"   \"", "\"\\n\\t\"", "\"\\u202e\"",
            "null", "[null]", "[\"ok\", null]", "[[]]", "[{}]", "{}", "[]", "0", "-1", "1e309", "true",
            "12345678901234567890123", "\"%00\"", "[\"a\\u0000b\"]", "[\"\\ud800\"]", "{\"nested\":{\"deeper\":[null]}}");

    /** Whole bodies that are not what any operation takes. */
    static final List<String> HOSTILE_BODIES = List.of(
            "", "null", "[]", "[null]", "\"text\"", "123", "{", "{\"a\":", "{}{}", "{\"a\":1} trailing",
            "\"\\u0000\"", "{\"\\u0000\":1}", "[".repeat(2_000) + "]".repeat(2_000), "{\"a\":\"\\ud800\"}");

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /**
     * Answers of the HTTP layer before any operation is chosen, which no operation's document
     * can list: 414 for a request line over 4,096 bytes (the 5,000-character parameter), 405 when
     * a segment such as {@code ..} makes the request another path's.
     */
    private static final Set<Integer> BEFORE_ROUTING = Set.of(405, 414);

    private final JsonNode document;
    private final String bearer;
    private final List<String> serverErrors = new ArrayList<>();
    private final Set<String> undocumented = new TreeSet<>();
    private Set<String> documented = Set.of();
    private String operationName = "";
    private int sent;

    private OpenApiFuzz(JsonNode document, String bearer) {
        this.document = document;
        this.bearer = bearer;
    }

    /** Fuzzes every operation of the service under test, as a manager. */
    public static Report run() {
        String text = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        OpenApiFuzz fuzz = new OpenApiFuzz(EventCodec.readTree(text), TestIdentities.bearer("fuzz-admin",
                TestIdentities.MANAGERS_GROUP));
        fuzz.everyOperation();
        return new Report(fuzz.sent, List.copyOf(fuzz.serverErrors), List.copyOf(fuzz.undocumented));
    }

    private void everyOperation() {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (METHODS.contains(operation.getKey())) {
                    fuzzOperation(operation.getKey(), path.getKey(), operation.getValue(), path.getValue());
                }
            }
        }
    }

    private void fuzzOperation(String method, String template, JsonNode operation, JsonNode pathItem) {
        documented = new HashSet<>();
        operation.path("responses").fieldNames().forEachRemaining(documented::add);
        operationName = method.toUpperCase() + " " + template;
        if (documented.stream().noneMatch(status -> status.startsWith("2"))) {
            undocumented.add(operationName + " documents no success answer");
        }
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> queryValues = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String in = parameter.path("in").asText();
            if ("path".equals(in)) {
                pathValues.put(parameter.path("name").asText(), "fuzz-value");
            } else if ("query".equals(in)) {
                queryValues.put(parameter.path("name").asText(), "1");
            }
        }
        JsonNode body = requestBody(operation);
        String validBody = body == null ? null : example(body.path("schema"), 0).toString();
        String contentType = body == null ? null : body.path("contentType").asText();

        for (String name : pathValues.keySet()) {
            for (String hostile : HOSTILE_PARAMETERS) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, hostile);
                send(method, expand(template, values), Map.of(), contentType, validBody);
            }
        }
        for (String name : queryValues.keySet()) {
            for (String hostile : HOSTILE_PARAMETERS) {
                send(method, expand(template, pathValues), Map.of(name, hostile), contentType, validBody);
            }
        }
        if (body == null) {
            send(method, expand(template, pathValues), Map.of(), null, null);
            return;
        }
        if ("application/x-www-form-urlencoded".equals(contentType)) {
            fuzzForm(method, expand(template, pathValues), body.path("schema"));
            return;
        }
        for (String field : fieldPaths(body.path("schema"))) {
            for (String hostile : HOSTILE_VALUES) {
                send(method, expand(template, pathValues), Map.of(), contentType, withField(validBody, field, hostile));
            }
        }
        for (String hostile : HOSTILE_BODIES) {
            send(method, expand(template, pathValues), Map.of(), contentType, hostile);
        }
    }

    private void fuzzForm(String method, String path, JsonNode schema) {
        JsonNode properties = resolve(schema).path("properties");
        Iterator<String> names = properties.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            for (String hostile : HOSTILE_PARAMETERS) {
                send(method, path, Map.of(), "application/x-www-form-urlencoded", name + "=" + hostile);
            }
        }
    }

    private void send(String method, String path, Map<String, String> query, String contentType, String body) {
        RequestSpecification request = given().urlEncodingEnabled(false).header("Authorization", bearer);
        StringBuilder target = new StringBuilder(path);
        if (!query.isEmpty()) {
            target.append('?');
            query.forEach((name, value) -> target.append(name).append('=').append(value).append('&'));
            target.setLength(target.length() - 1);
        }
        if (body != null) {
            request = request.contentType(contentType).body(body);
        }
        Response response = request.request(method.toUpperCase(), target.toString());
        sent++;
        if (!documented.contains(String.valueOf(response.statusCode())) && !documented.contains("default")
                && !BEFORE_ROUTING.contains(response.statusCode())) {
            undocumented.add(operationName + " answers " + response.statusCode());
        }
        if (response.statusCode() >= 500) {
            serverErrors.add(method.toUpperCase() + " " + shorten(target.toString()) + " body "
                    + shorten(String.valueOf(body)) + " -> " + response.statusCode() + " " + shorten(response.asString()));
        }
    }

    /** The JSON (or form) body of an operation: its content type and schema, or null. */
    private static JsonNode requestBody(JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            if (content.has(type)) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("contentType", type);
                body.set("schema", content.path(type).path("schema"));
                return body;
            }
        }
        return null;
    }

    /** A value that fits the schema, so that one hostile field at a time reaches the code. */
    private JsonNode example(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (depth > 6) {
            return json.nullNode();
        }
        if (resolved.has("enum")) {
            return resolved.path("enum").get(0);
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = json.objectNode();
                resolved.path("properties").fields()
                        .forEachRemaining(property -> object.set(property.getKey(), example(property.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> {
                ArrayNode array = json.arrayNode();
                array.add(example(resolved.path("items"), depth + 1));
                yield array;
            }
            case "integer", "number" -> json.numberNode(1);
            case "boolean" -> json.booleanNode(false);
            default -> json.textNode("fuzz " + depth);
        };
    }

    /** JSON pointers of every field of the body, nested objects and arrays' first items included. */
    private List<String> fieldPaths(JsonNode schema) {
        List<String> paths = new ArrayList<>();
        collect(resolve(schema), "", paths, 0);
        return paths;
    }

    private void collect(JsonNode schema, String prefix, List<String> paths, int depth) {
        if (depth > 6) {
            return;
        }
        JsonNode resolved = resolve(schema);
        Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = prefix + "/" + property.getKey();
            paths.add(path);
            JsonNode value = resolve(property.getValue());
            collect(value, path, paths, depth + 1);
            if ("array".equals(value.path("type").asText())) {
                paths.add(path + "/0");
                collect(resolve(value.path("items")), path + "/0", paths, depth + 1);
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0));
        }
        return current;
    }

    private static String withField(String validBody, String pointer, String hostileJson) {
        JsonNode root = EventCodec.readTree(validBody);
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        String marker = "__fuzz_marker__";
        if (parent instanceof ObjectNode object) {
            object.put(last, marker);
        } else if (parent instanceof ArrayNode array && !array.isEmpty()) {
            array.set(0, JsonNodeFactory.instance.textNode(marker));
        } else {
            return validBody;
        }
        return root.toString().replace("\"" + marker + "\"", hostileJson);
    }

    private static String expand(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
