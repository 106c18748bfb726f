package dev.connectplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Prints results as the API's JSON, or as aligned tables for people. */
final class Output {

    private final GlobalOptions options;
    private final PrintStream out;

    Output(GlobalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    boolean json() {
        return options.json();
    }

    void json(JsonNode node) {
        try {
            out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print the result: " + e.getMessage());
        }
    }

    /** A JSON result as is, or as a table with these columns (one row per element of an array). */
    void print(JsonNode result, List<Column> columns) {
        if (json()) {
            json(result);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (result.isArray()) {
            result.forEach(rows::add);
        } else {
            rows.add(result);
        }
        table(rows, columns);
    }

    /** One line for people; nothing in JSON mode (where {@code result} is printed instead). */
    void done(String message, JsonNode result) {
        if (json()) {
            json(result);
        } else {
            out.println(message);
        }
    }

    private void table(List<JsonNode> rows, List<Column> columns) {
        int[] widths = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
        }
        for (JsonNode row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                line[c] = columns.get(c).value().apply(row);
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            header.append(pad(columns.get(c).header(), widths[c], c == columns.size() - 1));
        }
        out.println(header.toString().stripTrailing());
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                text.append(pad(line[c], widths[c], c == line.length - 1));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width, boolean last) {
        return last ? text : text + " ".repeat(width - text.length() + 3);
    }

    /** A table column: its header and how to show a row's value. */
    record Column(String header, Function<JsonNode, String> value) {

        static Column field(String header, String field) {
            return new Column(header, row -> text(row.path(field)));
        }

        static String text(JsonNode node) {
            return node.isMissingNode() || node.isNull() ? "-" : node.asText();
        }
    }
}
