package ai.altertable.reactive.mock.internal.ingest;

import java.util.Objects;

/**
 * Quotes user-supplied names and values for the SQL text the ingestion code builds. Catalog, schema, table and column
 * names arrive from request parameters and request bodies, and file paths from the HTTP layer, so every one of them
 * goes through here before it reaches DuckDB. The Flight side's ingest and metadata use it too.
 */
public final class SqlQuoting {

    private SqlQuoting() {
    }

    /** A double-quoted identifier with every embedded {@code "} doubled: {@code my"t} becomes {@code "my""t"}. */
    public static String identifier(String name) {
        Objects.requireNonNull(name, "name");
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal with every embedded {@code '} doubled: {@code it's} becomes {@code 'it''s'}. */
    public static String literal(String value) {
        Objects.requireNonNull(value, "value");
        return '\'' + value.replace("'", "''") + '\'';
    }
}
