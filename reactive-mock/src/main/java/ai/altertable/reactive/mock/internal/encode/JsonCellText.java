package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the text of a JSON (or VARIANT) cell the way the official mock does: it parses the text with serde_json
 * into a value, which sorts object keys ({@link CodePointOrder}, the last of duplicate keys wins), normalizes numbers
 * ({@link SerdeNumberParser}) and whitespace; when serde_json rejects the text, the cell is the text itself as a JSON
 * string.
 *
 * <p>DuckDB accepts JSON that serde_json rejects, and such cells therefore come out as strings: {@code NaN},
 * {@code Infinity}, numbers beyond the double range ({@code 1e400}), trailing commas ({@code [1,]}), and nesting deeper
 * than serde_json's limit of 127 levels. Lone surrogate escapes are rejected by both.
 *
 * <p>Not thread-safe: it shares the encoder's {@link JsonNumberWriter}; an encoder owns one instance.
 */
final class JsonCellText {

    /** serde_json's default recursion limit: opening the 128th nested container fails. */
    private static final int MAX_DEPTH = 127;

    private static final JsonFactory PARSERS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private final JsonNumberWriter numbers;

    JsonCellText(JsonNumberWriter numbers) {
        this.numbers = numbers;
    }

    /** Writes the cell whose JSON text is {@code text}. */
    void write(String text, JsonGenerator g) throws IOException {
        Object value;
        try (JsonParser parser = PARSERS.createParser(text)) {
            JsonToken first = parser.nextToken();
            value = first == null ? Invalid.INSTANCE : read(parser, first, 0);
            if (value != Invalid.INSTANCE && parser.nextToken() != null) {
                value = Invalid.INSTANCE;
            }
        } catch (IOException | RuntimeException notJson) {
            value = Invalid.INSTANCE;
        }
        if (value == Invalid.INSTANCE) {
            g.writeString(text);
        } else {
            writeValue(value, g);
        }
    }

    /** Reads the value starting at {@code token}: a map, list, string, number token, boolean, null or invalid. */
    private Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_OBJECT:
                return depth >= MAX_DEPTH ? Invalid.INSTANCE : readObject(parser, depth + 1);
            case START_ARRAY:
                return depth >= MAX_DEPTH ? Invalid.INSTANCE : readArray(parser, depth + 1);
            case VALUE_STRING:
                String text = parser.getText();
                return hasLoneSurrogate(text) ? Invalid.INSTANCE : text;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                String number = parser.getText();
                return numbers.accepts(number) ? new NumberToken(number) : Invalid.INSTANCE;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return Invalid.INSTANCE;
        }
    }

    private Object readObject(JsonParser parser, int depth) throws IOException {
        Map<String, Object> object = new TreeMap<>(CodePointOrder.INSTANCE);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Object value = read(parser, parser.nextToken(), depth);
            if (value == Invalid.INSTANCE || hasLoneSurrogate(key)) {
                return Invalid.INSTANCE;
            }
            object.put(key, value);
        }
        return object;
    }

    private Object readArray(JsonParser parser, int depth) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            Object value = read(parser, token, depth);
            if (value == Invalid.INSTANCE) {
                return Invalid.INSTANCE;
            }
            array.add(value);
        }
        return array;
    }

    @SuppressWarnings("unchecked")
    private void writeValue(Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof NumberToken) {
            numbers.writeJsonNumber(((NumberToken) value).token(), g);
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
                g.writeFieldName(entry.getKey());
                writeValue(entry.getValue(), g);
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object element : (List<Object>) value) {
                writeValue(element, g);
            }
            g.writeEndArray();
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A JSON number token, kept as text until the whole cell is known to be valid. */
    private record NumberToken(String token) {
    }

    /** Marks text serde_json would reject. */
    private enum Invalid {
        INSTANCE
    }
}
