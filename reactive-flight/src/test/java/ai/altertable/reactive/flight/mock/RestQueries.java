package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.core.row.Rows;
import ai.altertable.reactive.core.row.internal.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST side of the mock, spoken with the JDK's HTTP client (test code; blocking is fine here): {@code POST /query}
 * decoded into core {@link Row}s exactly as the REST transport decodes them (typed columns line, raw JSON cells), and
 * {@code POST /append}.
 */
final class RestQueries {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RestQueries() {
    }

    static List<Row> query(URI base, Credentials credentials, String sql) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("statement", sql);
        String response = send(HttpRequest.newBuilder(base.resolve("/query"))
                .header("Authorization", credentials.authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        String[] lines = response.split("\n");
        JsonNode columnsLine = tree(lines[1]);
        if (columnsLine.has("error")) {
            throw new IllegalStateException(columnsLine.get("error").asText());
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : columnsLine) {
            columns.add(Column.of(c.get("name").asText(), c.get("type").asText()));
        }
        RowMetadata metadata = RowMetadata.of(columns);
        List<Row> rows = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            JsonNode line = tree(lines[i]);
            Object[] cells = new Object[line.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = JsonValues.rawCell(line.get(c));
            }
            rows.add(Rows.fromJsonCells(metadata, cells));
        }
        return rows;
    }

    /** Appends synchronously: the rows are in the table when this returns. */
    static void append(URI base, Credentials credentials, String table, String jsonArray) {
        String response = send(HttpRequest.newBuilder(base.resolve("/append?sync=true&catalog=memory&schema=main&table="
                        + URLEncoder.encode(table, StandardCharsets.UTF_8)))
                .header("Authorization", credentials.authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray)).build());
        if (!tree(response).path("ok").asBoolean()) {
            throw new IllegalStateException("append failed: " + response);
        }
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JsonValues.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
