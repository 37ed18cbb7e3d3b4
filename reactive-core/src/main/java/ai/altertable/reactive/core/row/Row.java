package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.ValueConversions;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of a query result, the same over REST and Flight: cells by position, or by column name.
 *
 * <p><b>Values.</b> {@link #get(int)} returns the cell's natural Java value, whose class is
 * {@link DuckDbType#javaType()} of the column type (for example {@code BIGINT} gives {@link Long}, {@code DECIMAL}
 * {@link BigDecimal}, {@code TIMESTAMP} {@link LocalDateTime}, {@code TIMESTAMPTZ} {@link OffsetDateTime}, a
 * {@code LIST} an unmodifiable {@code List}, a {@code STRUCT} an unmodifiable ordered {@code Map}). When the column type
 * is unknown (the mock sends names only) the value is the natural JSON value: {@link Boolean}, {@link Long} or
 * {@link BigInteger}, {@link BigDecimal}, {@link String}, or a {@link JsonNode} for arrays and objects; numbers never
 * pass through {@code double}. {@link #get(int, Class)} converts that value exactly (see the typed getters).
 *
 * <p><b>Nulls.</b> SQL {@code NULL} is {@code null} for every getter that returns an object; the numeric getters
 * return wrappers for that reason. Reading {@code NULL} as a primitive ({@code get(i, int.class)}) fails.
 *
 * <p><b>Errors.</b> A cell that does not fit its type, or cannot be converted to the requested type, throws
 * {@link ai.altertable.reactive.core.SerializationException} when it is read, naming the column, its type and the
 * target type with a short excerpt of the value. An index out of range throws {@link IndexOutOfBoundsException}; a
 * name that matches no column throws {@link IllegalArgumentException} listing the available names.
 *
 * <p><b>Names.</b> A name is resolved with {@link RowMetadata#indexOf(String)}: exact match first, then ignoring case;
 * with duplicate names the first column wins (read the others by position).
 *
 * <p><b>Threads.</b> Rows are immutable for their users and may be read from several threads. {@code byte[]} and
 * {@link JsonNode} values are returned as copies; values nested inside lists and maps are shared and must not be
 * modified.
 */
public interface Row {

    /** The columns of the result this row belongs to. */
    RowMetadata metadata();

    /** The number of cells (which may exceed {@code metadata().size()} when the server sent no column names). */
    int size();

    /** The natural value of cell {@code index}, or {@code null} for SQL {@code NULL}. */
    Object get(int index);

    /**
     * Cell {@code index} converted to {@code type}: identity, exact numeric conversions (overflow or a lost fraction
     * fail; {@code Double}/{@code Float} accept any number), primitives as their wrappers, {@code String} from any
     * value, {@code java.time} types, {@link UUID}, {@code byte[]}, {@link Interval} from values or text,
     * {@link JsonNode} from anything, {@code List}/{@code Map} from decoded values or JSON, enums by constant name.
     * A zone-less {@code TIMESTAMP} is not converted to {@link Instant}.
     */
    <T> T get(int index, Class<T> type);

    /** Whether cell {@code index} is SQL {@code NULL}. Never decodes or fails on a malformed cell. */
    boolean isNull(int index);

    /** All natural values in order, as an unmodifiable list (decodes every cell). */
    List<Object> values();

    /** The natural value of the column {@code name}. */
    default Object get(String name) {
        return get(metadata().requireIndex(name));
    }

    /** The column {@code name} converted to {@code type}, as {@link #get(int, Class)}. */
    default <T> T get(String name, Class<T> type) {
        return get(metadata().requireIndex(name), type);
    }

    /** Whether the column {@code name} is SQL {@code NULL}. */
    default boolean isNull(String name) {
        return isNull(metadata().requireIndex(name));
    }

    /**
     * Maps this row to a record or a bean by column names, as {@link RowMapper#of(Class)} does. For many rows of one
     * result, a shared {@link RowMapper} saves a lookup per row.
     */
    default <T> T as(Class<T> type) {
        return RowMapper.of(type).apply(this);
    }

    /** Text of any value: decimals in plain notation, binary as hex, JSON and nested values as JSON text. */
    default String getString(int index) {
        return get(index, String.class);
    }

    /** As {@link #getString(int)}, by column name. */
    default String getString(String name) {
        return getString(metadata().requireIndex(name));
    }

    /** An exact {@code Long}; fails on overflow or a fractional part. */
    default Long getLong(int index) {
        return get(index, Long.class);
    }

    /** As {@link #getLong(int)}, by column name. */
    default Long getLong(String name) {
        return getLong(metadata().requireIndex(name));
    }

    /** An exact {@code Integer}; fails on overflow or a fractional part. */
    default Integer getInt(int index) {
        return get(index, Integer.class);
    }

    /** As {@link #getInt(int)}, by column name. */
    default Integer getInt(String name) {
        return getInt(metadata().requireIndex(name));
    }

    /** A {@code Boolean} (from a boolean, or the text {@code true}/{@code false}). */
    default Boolean getBoolean(int index) {
        return get(index, Boolean.class);
    }

    /** As {@link #getBoolean(int)}, by column name. */
    default Boolean getBoolean(String name) {
        return getBoolean(metadata().requireIndex(name));
    }

    /** A {@code Double} from any number (this may round, as asked). */
    default Double getDouble(int index) {
        return get(index, Double.class);
    }

    /** As {@link #getDouble(int)}, by column name. */
    default Double getDouble(String name) {
        return getDouble(metadata().requireIndex(name));
    }

    /** An exact {@link BigDecimal} from any number. */
    default BigDecimal getBigDecimal(int index) {
        return get(index, BigDecimal.class);
    }

    /** As {@link #getBigDecimal(int)}, by column name. */
    default BigDecimal getBigDecimal(String name) {
        return getBigDecimal(metadata().requireIndex(name));
    }

    /** An exact {@link BigInteger}; fails on a fractional part. */
    default BigInteger getBigInteger(int index) {
        return get(index, BigInteger.class);
    }

    /** As {@link #getBigInteger(int)}, by column name. */
    default BigInteger getBigInteger(String name) {
        return getBigInteger(metadata().requireIndex(name));
    }

    /** A {@link LocalDate} ({@code DATE}, or {@code YYYY-MM-DD} text). */
    default LocalDate getLocalDate(int index) {
        return get(index, LocalDate.class);
    }

    /** As {@link #getLocalDate(int)}, by column name. */
    default LocalDate getLocalDate(String name) {
        return getLocalDate(metadata().requireIndex(name));
    }

    /** A {@link LocalTime} ({@code TIME}, or its text). */
    default LocalTime getLocalTime(int index) {
        return get(index, LocalTime.class);
    }

    /** As {@link #getLocalTime(int)}, by column name. */
    default LocalTime getLocalTime(String name) {
        return getLocalTime(metadata().requireIndex(name));
    }

    /** A {@link LocalDateTime} ({@code TIMESTAMP} in any precision, or its text). */
    default LocalDateTime getLocalDateTime(int index) {
        return get(index, LocalDateTime.class);
    }

    /** As {@link #getLocalDateTime(int)}, by column name. */
    default LocalDateTime getLocalDateTime(String name) {
        return getLocalDateTime(metadata().requireIndex(name));
    }

    /** An {@link OffsetDateTime} ({@code TIMESTAMPTZ}, or text with an offset). */
    default OffsetDateTime getOffsetDateTime(int index) {
        return get(index, OffsetDateTime.class);
    }

    /** As {@link #getOffsetDateTime(int)}, by column name. */
    default OffsetDateTime getOffsetDateTime(String name) {
        return getOffsetDateTime(metadata().requireIndex(name));
    }

    /** An {@link Instant} from a {@code TIMESTAMPTZ}; a zone-less {@code TIMESTAMP} is refused. */
    default Instant getInstant(int index) {
        return get(index, Instant.class);
    }

    /** As {@link #getInstant(int)}, by column name. */
    default Instant getInstant(String name) {
        return getInstant(metadata().requireIndex(name));
    }

    /** A {@link UUID} ({@code UUID}, or its canonical text). */
    default UUID getUuid(int index) {
        return get(index, UUID.class);
    }

    /** As {@link #getUuid(int)}, by column name. */
    default UUID getUuid(String name) {
        return getUuid(metadata().requireIndex(name));
    }

    /** The bytes of a {@code BLOB} (or of hex text); a fresh copy on every call. */
    default byte[] getBytes(int index) {
        return get(index, byte[].class);
    }

    /** As {@link #getBytes(int)}, by column name. */
    default byte[] getBytes(String name) {
        return getBytes(metadata().requireIndex(name));
    }

    /** Any value as a JSON tree (a {@code JSON} cell as parsed, a string as a text node, ...); a fresh copy. */
    default JsonNode getJson(int index) {
        return get(index, JsonNode.class);
    }

    /** As {@link #getJson(int)}, by column name. */
    default JsonNode getJson(String name) {
        return getJson(metadata().requireIndex(name));
    }

    /** A {@code LIST}/{@code ARRAY} value (or a JSON array) as an unmodifiable list of natural values. */
    @SuppressWarnings("unchecked")
    default List<Object> getList(int index) {
        return get(index, List.class);
    }

    /** As {@link #getList(int)}, by column name. */
    default List<Object> getList(String name) {
        return getList(metadata().requireIndex(name));
    }

    /** A list whose elements are each converted to {@code elementType} as {@link #get(int, Class)} would. */
    default <E> List<E> getList(int index, Class<E> elementType) {
        Object value = get(index);
        try {
            return ValueConversions.listOf(value, elementType);
        } catch (ConversionFailure f) {
            throw CellErrors.conversionFailure(metadata(), index, value, List.class, f);
        }
    }

    /** As {@link #getList(int, Class)}, by column name. */
    default <E> List<E> getList(String name, Class<E> elementType) {
        return getList(metadata().requireIndex(name), elementType);
    }

    /** A {@code STRUCT} or {@code MAP} value (or a JSON object) as an unmodifiable insertion-ordered map. */
    @SuppressWarnings("unchecked")
    default Map<String, Object> getMap(int index) {
        return get(index, Map.class);
    }

    /** As {@link #getMap(int)}, by column name. */
    default Map<String, Object> getMap(String name) {
        return getMap(metadata().requireIndex(name));
    }
}
