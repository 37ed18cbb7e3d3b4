package ai.altertable.reactive.mock.internal.encode;

/**
 * The reusable buffers and parsers behind one {@link ResultEncoder}: every cell encoder of a result shares them, so
 * encoding a row allocates little beyond what DuckDB JDBC itself allocates.
 *
 * <p>Not thread-safe, by design: a result is encoded by one thread at a time.
 */
final class EncodingScratch {

    final JsonNumberWriter numbers = new JsonNumberWriter();
    final JsonCellText json = new JsonCellText(numbers);
    final VariantJsonText variant = new VariantJsonText();
    final IntervalText interval = new IntervalText();
    final TemporalWriter temporal = new TemporalWriter();
    private char[] chars = new char[TemporalDisplay.MAX_LENGTH];

    /** A char buffer of at least {@code length} chars, valid until the next call. */
    char[] chars(int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        return chars;
    }
}
