package ai.altertable.reactive.core;

/**
 * A value could not be encoded into a request, or a response value could not be decoded into the requested Java type
 * (for example a row cell read as a type it cannot be converted to). Not retryable.
 */
public class SerializationException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public SerializationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    public SerializationException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
