package ai.altertable.reactive.mock.internal.flight;

/**
 * A session's options (protocol §5), immutable: replaced as a whole by {@code SetSessionOptions}.
 *
 * @param catalog     the catalog for {@code USE}, or null when never set
 * @param schema      the schema for {@code USE}, or null when never set
 * @param computeSize the compute size, upper case ({@code L} by default); stored, with no effect in the mock
 */
record SessionOptions(String catalog, String schema, String computeSize) {

    static final SessionOptions DEFAULT = new SessionOptions(null, null, "L");

    SessionOptions withCatalog(String value) {
        return new SessionOptions(value, schema, computeSize);
    }

    SessionOptions withSchema(String value) {
        return new SessionOptions(catalog, value, computeSize);
    }

    SessionOptions withComputeSize(String value) {
        return new SessionOptions(catalog, schema, value);
    }
}
