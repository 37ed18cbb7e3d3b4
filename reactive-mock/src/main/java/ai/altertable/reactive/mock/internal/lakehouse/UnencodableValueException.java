package ai.altertable.reactive.mock.internal.lakehouse;

/** A result value the JSON encoding of protocol §6 cannot represent (a MAP with non-text keys, a UNION). */
final class UnencodableValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnencodableValueException(String message) {
        super(message);
    }
}
