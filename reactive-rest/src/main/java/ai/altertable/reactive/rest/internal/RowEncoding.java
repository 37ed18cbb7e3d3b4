package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.rest.RawJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Encodes rows for the write endpoints: each item as one JSON object (records, POJOs, {@code Map}s and
 * {@code JsonNode}s through Jackson; a {@link RawJson} is taken as is), or as a CSV line.
 */
public final class RowEncoding {

    private static final ObjectMapper JSON = AltertableJson.mapper();

    private RowEncoding() {
    }

    /** The JSON object of one row, as bytes. */
    public static byte[] json(Object row) {
        if (row instanceof RawJson) {
            return ((RawJson) row).bytes();
        }
        try {
            byte[] b = JSON.writeValueAsBytes(row);
            if (b.length == 0 || b[0] != '{') {
                throw new SerializationException("an appended row must encode to a JSON object, but "
                        + row.getClass().getSimpleName() + " does not", ErrorContext.none());
            }
            return b;
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot encode a " + row.getClass().getSimpleName() + " row as JSON",
                    ErrorContext.none(), e);
        }
    }

    /** One NDJSON line (the object and {@code \n}). */
    public static byte[] ndjsonLine(Object row) {
        byte[] obj = json(row);
        byte[] line = new byte[obj.length + 1];
        System.arraycopy(obj, 0, line, 0, obj.length);
        line[obj.length] = '\n';
        return line;
    }

    /** Field names of a row as Jackson sees them, in order: the CSV header. */
    public static List<String> fields(Object row) {
        List<String> names = new ArrayList<>();
        tree(row).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One CSV line (RFC 4180 quoting, {@code \n} ended) of the row's values in the order of {@code fields}. */
    public static byte[] csvLine(Object row, List<String> fields) {
        ObjectNode node = tree(row);
        StringBuilder sb = new StringBuilder();
        for (Iterator<String> it = fields.iterator(); it.hasNext(); ) {
            JsonNode v = node.get(it.next());
            if (v != null && !v.isNull()) {
                sb.append(csvField(v.isValueNode() ? v.asText() : v.toString()));
            }
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The header line for {@code fields}. */
    public static byte[] csvHeader(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(csvField(fields.get(i)));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvField(String s) {
        boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || !s.equals(s.strip());
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static ObjectNode tree(Object row) {
        JsonNode n = row instanceof RawJson ? parse((RawJson) row)
                : row instanceof JsonNode ? (JsonNode) row : JSON.valueToTree(row);
        if (!(n instanceof ObjectNode)) {
            throw new SerializationException("a CSV row must be an object with fields", ErrorContext.none());
        }
        return (ObjectNode) n;
    }

    private static JsonNode parse(RawJson raw) {
        try {
            return JSON.readTree(raw.bytes());
        } catch (java.io.IOException e) {
            throw new SerializationException("a RawJson row is not valid JSON", ErrorContext.none(), e);
        }
    }
}
