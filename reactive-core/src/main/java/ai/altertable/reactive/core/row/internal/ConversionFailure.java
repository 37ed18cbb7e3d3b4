package ai.altertable.reactive.core.row.internal;

/**
 * Why a value could not be decoded or converted, without saying where: the row that catches it adds the column, the
 * DuckDB type and a short excerpt of the value, and throws a {@link ai.altertable.reactive.core.SerializationException}.
 *
 * <p>Internal: never reaches users. It carries no stack trace, so failing fast on a bad cell stays cheap.
 */
public final class ConversionFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with the given reason, e.g. {@code "out of range for Integer"}. */
    public ConversionFailure(String reason) {
        super(reason, null, false, false);
    }

    /** A failure with the given reason and underlying cause. */
    public ConversionFailure(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    /** The same failure located inside a nested value, e.g. {@code element [2]: out of range}. */
    public ConversionFailure within(String location) {
        return new ConversionFailure(location + ": " + getMessage(), getCause());
    }
}
