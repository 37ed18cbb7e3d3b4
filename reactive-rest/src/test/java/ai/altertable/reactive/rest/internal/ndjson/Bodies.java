package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.row.internal.JsonValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code /query} bodies for the decoder tests, and an independent reading of their rows to compare with. */
final class Bodies {

    static final String QUERY_ID = "0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c";

    /** A metadata line as the official mock writes it, with an extra key a newer server might add. */
    static final String METADATA = "{\"statement\":\"SELECT 'é' AS \\\"日本\\\"\",\"rows_limit\":null,\"rows_offset\":null,"
            + "\"init_time_ms\":3,\"connections_errors\":{},\"session_id\":\"6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f\","
            + "\"query_id\":\"" + QUERY_ID + "\",\"worker_slug\":\"altertable-mock\",\"stats\":{\"rows\":[1,2.50]}}";

    /** Column names as the mock sends them, with a repeated and an empty name. */
    static final String NAME_COLUMNS = "[\"id\",\"name\",\"\",\"name\",\"payload\",\"price\",\"big\"]";

    /**
     * Rows for {@link #NAME_COLUMNS}: multi-byte UTF-8 (2, 3 and 4 bytes), escapes, nested arrays and objects, and
     * numbers at every size.
     */
    static final List<String> ROWS = List.of(
            "[1,\"café\",null,\"日本語\",{\"k\":[1,2.50,{\"z\":null}],\"é\":\"🎉\"},1.50,18446744073709551615]",
            "[9223372036854775807,\"emoji 😀 \\\"quoted\\\" \\\\ \\n \\u00e9\",true,false,[[],{}],-0.0,1.7014118346046923e38]",
            "[-9223372036854775808,\"\",null,\"x\",[1,[2,[3]]],0.1,-1]",
            "[0,\"𝄞 clef\",false,\"ünïcödé\",{\"a\":{\"b\":{\"c\":[true,false,null,\"日\"]}}},1e-7,12345678901234567890123]");

    /** The same kind of result in the production shape, typed. */
    static final String TYPED_COLUMNS = "[{\"name\":\"id\",\"type\":\"BIGINT\",\"nullable\":false},"
            + "{\"name\":\"name\",\"type\":\"VARCHAR\"},{\"name\":\"tags\",\"type\":\"VARCHAR[]\"},"
            + "{\"name\":\"doc\",\"type\":\"JSON\"},{\"name\":\"amount\",\"type\":\"DECIMAL(18,2)\"},"
            + "{\"name\":\"at\",\"type\":\"TIMESTAMP\"},{\"name\":\"point\",\"type\":\"STRUCT(x INTEGER, y INTEGER)\"}]";

    static final List<String> TYPED_ROWS = List.of(
            "[1,\"Zoë\",[\"a\",\"日本\"],{\"k\":\"🎉\"},12.5,\"2024-03-01T13:45:00\",[1,2]]",
            "[2,null,[],\"plain\",0.1,\"2024-03-01T13:45:00.123456\",[-1,null]]",
            "[3,\"e\\u0301\",null,[1,{\"x\":2.50}],100.0,null,null]");

    private Bodies() {
    }

    /** The lines, each ended by {@code \n}, as UTF-8. */
    static byte[] lines(String... lines) {
        return lines(List.of(lines));
    }

    /** The lines, each ended by {@code \n}, as UTF-8. */
    static byte[] lines(List<String> lines) {
        return utf8(String.join("\n", lines) + "\n");
    }

    /** The lines joined with {@code \r\n}, with no line end after the last one. */
    static byte[] crlfWithoutFinalNewline(List<String> lines) {
        return utf8(String.join("\r\n", lines));
    }

    /** Metadata, the given columns line, then the rows. */
    static List<String> body(String columns, List<String> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(METADATA);
        lines.add(columns);
        lines.addAll(rows);
        return lines;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A row line read independently, with databind, as the raw cells the decoder must produce. */
    static List<Object> expectedCells(String rowLine) {
        JsonNode array = tree(rowLine);
        List<Object> cells = new ArrayList<>();
        for (JsonNode cell : array) {
            cells.add(JsonValues.rawCell(cell));
        }
        return cells;
    }

    static JsonNode tree(String json) {
        try {
            return JsonValues.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
