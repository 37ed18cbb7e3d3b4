package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully qualified table, the target of the ingestion operations ({@code upload}, {@code upsert}, {@code append};
 * protocol §11), sent as the {@code catalog}, {@code schema} and {@code table} query parameters.
 *
 * <p>All three parts are required and must not be blank. Names are passed as they are: the server quotes them (doubling
 * any {@code "}) and DuckDB matches them case-insensitively. The catalog must already exist on the server (on the mock,
 * {@code ATTACH ':memory:' AS name} first); a missing schema is created by the ingestion endpoints.
 *
 * @param catalog the catalog (a DuckDB database; the mock's default is {@code memory})
 * @param schema  the schema (the mock's default is {@code main})
 * @param table   the table
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"catalog", "schema", "table"})
public record TableRef(
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("table") String table) {

    /**
     * Checks every part.
     *
     * @throws NullPointerException     if a part is {@code null}
     * @throws IllegalArgumentException if a part is blank
     */
    public TableRef {
        Require.notBlank(catalog, "catalog");
        Require.notBlank(schema, "schema");
        Require.notBlank(table, "table");
    }

    /** The table {@code catalog.schema.table}. */
    public static TableRef of(String catalog, String schema, String table) {
        return new TableRef(catalog, schema, table);
    }

    /** The {@code catalog}, {@code schema} and {@code table} query parameters, in that order, unencoded. */
    public Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("catalog", catalog);
        params.put("schema", schema);
        params.put("table", table);
        return params;
    }

    /** {@code catalog.schema.table}, unquoted (for messages, not for SQL). */
    @Override
    public String toString() {
        return catalog + "." + schema + "." + table;
    }
}
