package ai.altertable.reactive.mock.internal.encode;

/**
 * A result value that the official mock cannot turn into JSON: a non-null cell of a MAP with non-text keys or of a
 * UNION (anywhere inside the column's type), or a double the official JSON re-parse rejects as out of range.
 *
 * <p>The official mock answers such a query with {@code 500 text/plain} and this exception's {@link #getMessage()} as
 * the whole body, e.g. {@code failed to encode column value as JSON: Json error: Only UTF8 keys supported by JSON
 * MapArray Writer: got Int32}; the query log still records success. The server sends the message verbatim.
 */
public final class UnencodableValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private UnencodableValueException(String message) {
        super(message);
    }

    /** arrow-json refused the value; {@code detail} is arrow's error text. */
    static UnencodableValueException encoding(String detail) {
        return new UnencodableValueException("failed to encode column value as JSON: " + detail);
    }

    /** serde_json refused what arrow-json wrote; {@code detail} is serde's error text. */
    static UnencodableValueException reparsing(String detail) {
        return new UnencodableValueException("failed to parse JSON export row: " + detail);
    }
}
