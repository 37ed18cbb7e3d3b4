package ai.altertable.reactive.mock.internal.ingest;

import java.util.Objects;

/**
 * The target of an ingestion request: the {@code catalog}, {@code schema} and {@code table} query parameters, exactly
 * as the client sent them. DuckDB resolves the names case-insensitively; the SQL text always quotes them.
 *
 * @param catalog the DuckDB database (attached catalog), which must already exist
 * @param schema  the schema, created on demand by every ingestion endpoint
 * @param table   the table
 */
public record TableName(String catalog, String schema, String table) {

    /** Rejects null parts; empty strings are passed on to DuckDB, which reports them. */
    public TableName {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** {@code "catalog"."schema"."table"}, quoted for SQL. */
    String sql() {
        return schemaSql() + '.' + SqlQuoting.identifier(table);
    }

    /** {@code "catalog"."schema"}, quoted for SQL. */
    String schemaSql() {
        return SqlQuoting.identifier(catalog) + '.' + SqlQuoting.identifier(schema);
    }

    @Override
    public String toString() {
        return sql();
    }
}
