package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.RowMetadata;

/**
 * Builds the {@link SerializationException} for a cell that cannot be decoded or converted. The message names the
 * column (index, name, DuckDB type), the Java type asked for, the reason, and at most
 * {@value ValueText#MAX_EXCERPT_CHARS} characters of the value, since cell values can be large or sensitive.
 * Stateless.
 */
public final class CellErrors {

    private CellErrors() {
    }

    /** A raw cell that does not fit its column's DuckDB type. */
    public static SerializationException decodeFailure(RowMetadata metadata, int index, Object raw,
                                                       ConversionFailure failure) {
        DuckDbType type = metadata.typeAt(index);
        String message = "Cannot decode " + column(metadata, index) + " as " + type.javaType().getTypeName() + ": "
                + failure.getMessage() + "; value: " + ValueText.excerpt(raw);
        return new SerializationException(message, ErrorContext.none(), failure.getCause());
    }

    /** A decoded value that cannot be converted to the Java type a caller asked for. */
    public static SerializationException conversionFailure(RowMetadata metadata, int index, Object value,
                                                           Class<?> target, ConversionFailure failure) {
        String from = value == null ? "SQL NULL" : value.getClass().getTypeName();
        String message = "Cannot read " + column(metadata, index) + " as " + target.getTypeName() + " (from " + from
                + "): " + failure.getMessage() + (value == null ? "" : "; value: " + ValueText.excerpt(value));
        return new SerializationException(message, ErrorContext.none(), failure.getCause());
    }

    /** {@code column 2 'created_at' (DuckDB type DATE)}, or a description of a cell beyond the described columns. */
    public static String column(RowMetadata metadata, int index) {
        if (index < 0 || index >= metadata.size()) {
            return "column " + index + " (no column name; DuckDB type unknown)";
        }
        DuckDbType type = metadata.column(index).type();
        String typeLabel = type.typeName() == null ? "unknown" : ValueText.truncate(type.toString());
        return "column " + index + " '" + ValueText.truncate(metadata.column(index).name()) + "' (DuckDB type "
                + typeLabel + ")";
    }
}
