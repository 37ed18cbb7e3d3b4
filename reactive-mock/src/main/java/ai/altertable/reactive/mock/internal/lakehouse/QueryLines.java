package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.encode.ColumnInfo;
import ai.altertable.reactive.mock.ColumnShape;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/** Writes the non-row lines of a {@code /query} NDJSON response, each followed by {@code \n}. */
final class QueryLines {

    static final String WORKER_SLUG = "altertable-mock";

    private QueryLines() {
    }

    /** Line 1: the metadata object, keys in the official order (§5.2). */
    static void metadata(JsonGenerator g, QueryParams p, long initMillis) throws IOException {
        g.writeStartObject();
        g.writeStringField("statement", p.statement());
        nullableNumber(g, "rows_limit", p.limit());
        nullableNumber(g, "rows_offset", p.offset());
        g.writeNumberField("init_time_ms", initMillis);
        g.writeObjectFieldStart("connections_errors");
        g.writeEndObject();
        g.writeStringField("session_id", p.sessionId());
        g.writeStringField("query_id", p.queryId());
        g.writeStringField("worker_slug", WORKER_SLUG);
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void nullableNumber(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Line 2: the columns, typed objects or names; {@code forceEmpty} writes {@code []} (official mock, no rows). */
    static void columns(JsonGenerator g, List<ColumnInfo> columns, boolean forceEmpty, ColumnShape shape)
            throws IOException {
        if (forceEmpty) {
            emptyColumns(g);
            return;
        }
        g.writeStartArray();
        for (ColumnInfo c : columns) {
            if (shape == ColumnShape.TYPED) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("type", c.type());
                g.writeEndObject();
            } else {
                g.writeString(c.name());
            }
        }
        g.writeEndArray();
        g.writeRaw('\n');
    }

    static void emptyColumns(JsonGenerator g) throws IOException {
        g.writeStartArray();
        g.writeEndArray();
        g.writeRaw('\n');
    }

    /** The stream error line {@code {"error": "..."}}; nothing follows it. */
    static void error(JsonGenerator g, String message) throws IOException {
        g.writeStartObject();
        g.writeStringField("error", message);
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
