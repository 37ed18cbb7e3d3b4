package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.row.Row;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything a decoder produced for one body: the head (and how often the callback saw it), the rows in order, and the
 * failure that ended the stream, if any.
 */
record Decoded(QueryHead head, int headCalls, List<Row> rows, RuntimeException failure) {

    /** Each row's cells as read through {@link Row#get(int)}, binary as hex so that lists compare by content. */
    List<List<Object>> cells() {
        List<List<Object>> all = new ArrayList<>();
        for (Row row : rows) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.get(i);
                cells.add(value instanceof byte[] ? HexFormat.of().formatHex((byte[]) value) : value);
            }
            all.add(cells);
        }
        return all;
    }

    /** The failure as text that two equivalent runs share: its type, line number and message; or "none". */
    String failureSummary() {
        if (failure == null) {
            return "none";
        }
        long line = failure instanceof QueryException ? ((QueryException) failure).lineNumber()
                : failure instanceof ResponseParseException ? ((ResponseParseException) failure).lineNumber() : -1;
        return failure.getClass().getSimpleName() + " line " + line + ": " + failure.getMessage();
    }

    /** The same outcome: head, cells, and failure. */
    boolean sameAs(Decoded other) {
        return java.util.Objects.equals(head, other.head) && headCalls == other.headCalls
                && cells().equals(other.cells()) && failureSummary().equals(other.failureSummary());
    }
}
