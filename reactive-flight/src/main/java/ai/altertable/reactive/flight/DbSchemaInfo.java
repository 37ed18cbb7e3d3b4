package ai.altertable.reactive.flight;

/**
 * A schema of the lakehouse, as {@link FlightSession#schemas(String, String)} lists it. A value: it holds no
 * resources, and there is nothing to close or cancel.
 *
 * @param catalog the catalog, or {@code null} when the server sent none
 * @param schema  the schema name
 */
public record DbSchemaInfo(String catalog, String schema) {
}
