package ai.altertable.reactive.core.row;

import java.util.Objects;

/**
 * Factories for {@link Row}s, used by the transports (and handy in tests). A transport whose cells come from somewhere
 * else (an Arrow batch, say) extends {@link AbstractRow} instead.
 *
 * <p>Both factories take ownership of the array they are given, without copying it: the caller must not change it
 * afterwards. {@link Row#size()} is the array's length; checking it against the columns is the transport's job (a
 * result whose column line was {@code []} has rows but no columns, and its cells are read as unknown types).
 * Stateless and thread-safe.
 */
public final class Rows {

    private Rows() {
    }

    /**
     * A row over the raw JSON cells of one REST row line, decoded lazily by the column types (protocol §6).
     *
     * @param metadata the result's columns, shared by all its rows
     * @param rawCells each cell exactly one of {@code null}, {@link Boolean}, {@link Long} (a JSON integer that fits),
     *                 {@link java.math.BigInteger} (a larger one), {@link java.math.BigDecimal} (any number with a
     *                 fraction or exponent, with its exact text), {@link String}, or a Jackson
     *                 {@link com.fasterxml.jackson.databind.JsonNode} for arrays and objects; owned by the row
     */
    public static Row fromJsonCells(RowMetadata metadata, Object[] rawCells) {
        Objects.requireNonNull(metadata, "metadata");
        return new JsonCellRow(metadata, Objects.requireNonNull(rawCells, "rawCells"));
    }

    /**
     * A row over natural values: each an instance of its column's {@link DuckDbType#javaType()} (or, for unknown types,
     * a natural JSON value), or {@code null}. The values are not checked.
     *
     * @param metadata      the result's columns
     * @param naturalValues the cell values; owned by the row
     */
    public static Row of(RowMetadata metadata, Object... naturalValues) {
        Objects.requireNonNull(metadata, "metadata");
        return new NaturalValueRow(metadata, Objects.requireNonNull(naturalValues, "naturalValues"));
    }
}
