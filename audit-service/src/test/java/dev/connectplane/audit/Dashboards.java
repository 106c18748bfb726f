package dev.connectplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved objects shipped for OpenSearch Dashboards ({@code siem/opensearch/dashboards.ndjson}),
 * and the query behind each panel as Dashboards builds it from the panel's own definition: its
 * search source's Lucene query, and its aggregations (terms, date histogram) nested in their order,
 * the count metric being each bucket's document count. Running those against the node shows the
 * panels' fields and queries fit the documents delivered.
 */
final class Dashboards {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> byTitle = new HashMap<>();
    private final List<String> panelTitles = new ArrayList<>();

    private Dashboards(List<JsonNode> objects) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode object : objects) {
            byId.put(object.path("id").asText(), object);
            byTitle.put(object.path("attributes").path("title").asText(), object);
        }
        for (JsonNode object : objects) {
            if (object.path("type").asText().equals("dashboard")) {
                for (JsonNode reference : object.path("references")) {
                    JsonNode panel = byId.get(reference.path("id").asText());
                    if (panel == null) {
                        throw new IllegalStateException("the dashboard refers to " + reference + ", which is not shipped");
                    }
                    panelTitles.add(panel.path("attributes").path("title").asText());
                }
            }
        }
    }

    static Dashboards load() {
        try (InputStream in = Dashboards.class.getClassLoader().getResourceAsStream("siem/opensearch/dashboards.ndjson")) {
            List<JsonNode> objects = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    objects.add(JSON.readTree(line));
                }
            }
            return new Dashboards(objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> panelTitles() {
        return panelTitles;
    }

    /** A visualization's counts, keyed by its terms buckets' keys (joined by " / "), summed over any date histogram. */
    Map<String, Long> countsOf(String title, SearchClient search, String restriction) throws IOException {
        JsonNode attributes = byTitle.get(title).path("attributes");
        JsonNode visState = JSON.readTree(attributes.path("visState").asText());
        List<JsonNode> buckets = new ArrayList<>();
        visState.path("aggs").forEach(agg -> {
            if (!agg.path("type").asText().equals("count")) {
                buckets.add(agg);
            }
        });
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        body.set("query", query(attributes, restriction));
        ObjectNode level = body;
        for (int i = 0; i < buckets.size(); i++) {
            ObjectNode aggs = level.putObject("aggs");
            level = aggs.putObject("a" + i);
            JsonNode agg = buckets.get(i);
            String field = agg.path("params").path("field").asText();
            switch (agg.path("type").asText()) {
                case "terms" -> level.putObject("terms").put("field", field).put("size", agg.path("params").path("size").asInt(10));
                case "date_histogram" -> level.putObject("date_histogram").put("field", field).put("fixed_interval", "1m")
                        .put("min_doc_count", 1);
                default -> throw new IllegalStateException("a panel aggregation this test cannot run: " + agg);
            }
        }
        Map<String, Long> counts = new HashMap<>();
        collect(search.search(body.toString()).path("aggregations"), buckets, 0, "", counts);
        return counts;
    }

    /** A saved search's hits, restricted further, in its sort order. */
    List<JsonNode> searchOf(String title, SearchClient search, String restriction) throws IOException {
        JsonNode attributes = byTitle.get(title).path("attributes");
        ObjectNode body = JSON.createObjectNode().put("size", 1000);
        body.set("query", query(attributes, restriction));
        ArrayNode sort = body.putArray("sort");
        for (JsonNode order : attributes.path("sort")) {
            sort.addObject().put(order.get(0).asText(), order.get(1).asText());
        }
        List<JsonNode> hits = new ArrayList<>();
        search.search(body.toString()).path("hits").path("hits").forEach(hits::add);
        return hits;
    }

    private static JsonNode query(JsonNode attributes, String restriction) throws IOException {
        JsonNode source = JSON.readTree(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText());
        String lucene = source.path("query").path("query").asText();
        if (!source.path("query").path("language").asText().equals("lucene")) {
            throw new IllegalStateException("panel query not in Lucene syntax: " + source);
        }
        ObjectNode bool = JSON.createObjectNode();
        ObjectNode clauses = bool.putObject("bool");
        if (!lucene.isBlank()) {
            clauses.putArray("must").addObject().putObject("query_string").put("query", lucene);
        }
        clauses.putArray("filter").add(JSON.readTree(restriction));
        return bool;
    }

    private static void collect(JsonNode aggregations, List<JsonNode> buckets, int depth, String key, Map<String, Long> counts) {
        if (depth == buckets.size()) {
            return;
        }
        boolean terms = buckets.get(depth).path("type").asText().equals("terms");
        for (JsonNode bucket : aggregations.path("a" + depth).path("buckets")) {
            String here = terms ? (key.isEmpty() ? "" : key + " / ") + bucket.path("key").asText() : key;
            if (depth == buckets.size() - 1) {
                counts.merge(here, bucket.path("doc_count").asLong(), Long::sum);
            } else {
                collect(bucket, buckets, depth + 1, here, counts);
            }
        }
    }
}
