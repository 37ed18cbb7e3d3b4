package ai.altertable.reactive.flight;

import org.apache.arrow.vector.types.pojo.Schema;

import java.util.Optional;

/**
 * A table or view, as {@link FlightSession#tables(TableFilter)} lists it. A value: it holds no resources (the
 * Arrow schema is plain metadata), and there is nothing to close or cancel.
 *
 * @param catalog     the catalog, or {@code null}
 * @param schema      the schema, or {@code null}
 * @param name        the table name
 * @param type        the table type as the server names it ({@code BASE TABLE}, {@code VIEW}, {@code LOCAL TEMPORARY})
 * @param tableSchema its Arrow schema, when {@link TableFilter#includeSchema()} was asked for (types as the server
 *                    announces them: some DuckDB types, such as {@code TIMESTAMPTZ}, come out as {@code Null})
 */
public record TableInfo(String catalog, String schema, String name, String type, Optional<Schema> tableSchema) {
}
