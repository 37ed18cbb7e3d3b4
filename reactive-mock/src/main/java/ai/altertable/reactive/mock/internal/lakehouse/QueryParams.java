package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.core.internal.RandomIds;

import java.util.Locale;
import java.util.UUID;

/**
 * A parsed {@code POST /query} body (protocol §5.1). Fields the official mock accepts and ignores
 * ({@code compute_size}, {@code sanitize}, {@code ephemeral}, {@code timezone}) are type-checked and dropped.
 */
record QueryParams(String statement, String sessionId, String queryId, String catalog, String schema, Long limit,
                   Long offset, String format, boolean visible, String requestedBy) {

    static QueryParams from(JsonBody b) {
        String statement = b.requireString("statement");
        String sessionId = b.optionalString("session_id");
        String queryId = b.optionalString("query_id");
        String catalog = b.optionalString("catalog");
        String schema = b.optionalString("schema");
        Long limit = b.optionalUnsigned("limit");
        Long offset = b.optionalUnsigned("offset");
        String format = b.optionalString("format");
        Boolean visible = b.optionalBoolean("visible");
        String requestedBy = b.optionalString("requested_by");
        b.optionalString("compute_size");
        b.optionalBoolean("sanitize");
        b.optionalBoolean("ephemeral");
        b.optionalString("timezone");
        return new QueryParams(statement, sessionId == null ? RandomIds.uuid().toString() : sessionId,
                normalizeQueryId(queryId), catalog, schema, limit, offset, format, visible == null || visible,
                requestedBy);
    }

    /**
     * A valid UUID ({@link Uuids}: hyphenated, simple, braced or URN) is used, written hyphenated and lowercase;
     * anything else is silently replaced by a random one, as the official mock does.
     */
    static String normalizeQueryId(String queryId) {
        UUID id = Uuids.parse(queryId);
        return (id != null ? id : RandomIds.uuid()).toString();
    }

    /** The normalized output format: {@code default}, {@code csv}, {@code jsonl} or {@code parquet}. */
    String normalizedFormat() {
        if (format == null || format.isEmpty() || format.equals("default")) {
            return "default";
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals(format) && (f.equals("csv") || f.equals("jsonl") || f.equals("parquet"))) {
            return f;
        }
        throw new Rejection(400, "Unsupported query format: " + format, Replies.TEXT_PLAIN);
    }

    /** The SQL to run: wrapped in {@code SELECT * FROM (...) LIMIT/OFFSET} when either is set. */
    String effectiveSql() {
        if (limit == null && offset == null) {
            return statement;
        }
        StringBuilder sb = new StringBuilder("SELECT * FROM (").append(statement).append(')');
        if (limit != null) {
            sb.append(" LIMIT ").append(limit);
        }
        if (offset != null) {
            sb.append(" OFFSET ").append(offset);
        }
        return sb.toString();
    }
}
