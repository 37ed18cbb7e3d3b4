package ai.altertable.reactive.mock.internal.flight;

/**
 * A session's options (protocol §5), immutable: replaced as a whole by {@code SetSessionOptions}.
 *
 * @param catalog     the catalog for {@code USE}, or null when never set
 * @param schema      the schema for {@code USE}, or null when never set
 * @param computeSize the compute size, upper case ({@code L} by default); stored, with no effect in the mock
 */
record FlightSessionSettings(String catalog, String schema, String computeSize) {

    static final FlightSessionSettings DEFAULT = new FlightSessionSettings(null, null, "L");

    FlightSessionSettings withCatalog(String value) {
        return new FlightSessionSettings(value, schema, computeSize);
    }

    FlightSessionSettings withSchema(String value) {
        return new FlightSessionSettings(catalog, value, computeSize);
    }

    FlightSessionSettings withComputeSize(String value) {
        return new FlightSessionSettings(catalog, schema, value);
    }
}
