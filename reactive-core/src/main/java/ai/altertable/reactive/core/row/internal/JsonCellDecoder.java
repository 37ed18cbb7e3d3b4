package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.Interval;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * Decodes one raw JSON cell of a REST row into its natural Java value for a DuckDB type (protocol §6). A raw cell is
 * {@code null}, a {@link Boolean}, a {@link Long}, a {@link BigInteger}, a {@link BigDecimal}, a {@link String}, or a
 * {@link JsonNode} for arrays and objects.
 *
 * <p>The Java class of the result for each kind is {@link DuckDbType.Kind#javaType()}. Exact numbers never pass through
 * {@code double}. A cell that does not fit its type fails with a {@link ConversionFailure} naming the reason only.
 * Stateless and thread-safe.
 */
public final class JsonCellDecoder {

    private static final BigInteger UBIGINT_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonCellDecoder() {
    }

    /**
     * The natural value of {@code raw} for {@code type}; {@code null} for {@code null}.
     *
     * @throws ConversionFailure if the cell does not fit the type
     */
    public static Object decode(Object raw, DuckDbType type) {
        if (raw == null) {
            return null;
        }
        switch (type.kind()) {
            case BOOLEAN:
                return bool(raw);
            case TINYINT:
                return (byte) integral(raw, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
            case SMALLINT:
                return (short) integral(raw, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
            case UTINYINT:
                return (short) integral(raw, 0, 255, "UTINYINT");
            case INTEGER:
                return (int) integral(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
            case USMALLINT:
                return (int) integral(raw, 0, 65_535, "USMALLINT");
            case BIGINT:
                return raw instanceof Long ? raw : integral(raw, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
            case UINTEGER:
                return integral(raw, 0, 4_294_967_295L, "UINTEGER");
            case UBIGINT:
                return unsigned(raw, UBIGINT_MAX, "UBIGINT");
            case HUGEINT:
                return bigInteger(raw);
            case UHUGEINT:
                return unsigned(raw, null, "UHUGEINT");
            case FLOAT:
                return floating(raw).floatValue();
            case DOUBLE:
                return floating(raw).doubleValue();
            case DECIMAL:
                return decimal(raw, type.scale());
            default:
                return decodeNonNumeric(raw, type);
        }
    }

    private static Object decodeNonNumeric(Object raw, DuckDbType type) {
        switch (type.kind()) {
            case VARCHAR:
            case ENUM:
            case BIT:
                return text(raw);
            case UUID:
                return uuid(text(raw));
            case BLOB:
                return Hex.decode(text(raw));
            case DATE:
                return TemporalText.date(text(raw));
            case TIME:
            case TIME_NS:
                return TemporalText.time(text(raw));
            case TIMETZ:
                return offsetTimeOrText(text(raw));
            case TIMESTAMP:
            case TIMESTAMP_S:
            case TIMESTAMP_MS:
            case TIMESTAMP_NS:
                return TemporalText.localDateTime(text(raw));
            case TIMESTAMPTZ:
            case TIMESTAMPTZ_NS:
                return TemporalText.offsetDateTime(text(raw));
            case INTERVAL:
                return interval(text(raw));
            case LIST:
            case ARRAY:
            case STRUCT:
            case MAP:
                return NestedCellDecoder.decode(raw, type);
            case JSON:
            case VARIANT:
                return JsonValues.toNode(raw);
            default: // UNION, NULL, UNKNOWN: the natural JSON value
                return natural(raw);
        }
    }

    /** The value of a cell whose type is unknown: scalars as they are, arrays and objects as {@link JsonNode}. */
    public static Object natural(Object raw) {
        if (raw instanceof JsonNode) {
            return JsonValues.rawCell((JsonNode) raw);
        }
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? NumericConversions.toBigDecimal(raw) : null;
        }
        return raw;
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean) {
            return (Boolean) raw;
        }
        throw new ConversionFailure("expected a JSON boolean, got " + JavaTypes.describe(raw));
    }

    private static long integral(Object raw, long min, long max, String typeLabel) {
        if (raw instanceof BigInteger && ((BigInteger) raw).bitLength() > 63) {
            throw new ConversionFailure("out of range for " + typeLabel + " [" + min + ", " + max + "]");
        }
        return NumericConversions.inRange(NumericConversions.toLong(numeric(raw)), min, max, typeLabel);
    }

    private static BigInteger bigInteger(Object raw) {
        return NumericConversions.toBigInteger(numeric(raw));
    }

    /** Unsigned values; {@code max} null means no upper bound is checked (128-bit values may arrive rounded). */
    private static BigInteger unsigned(Object raw, BigInteger max, String typeLabel) {
        BigInteger value = bigInteger(raw);
        if (value.signum() < 0 || (max != null && value.compareTo(max) > 0)) {
            throw new ConversionFailure("out of range for " + typeLabel);
        }
        return value;
    }

    private static BigDecimal decimal(Object raw, int scale) {
        BigDecimal value = NumericConversions.toBigDecimal(numeric(raw));
        if (scale < 0 || value.scale() == scale) {
            return value;
        }
        if (value.scale() > scale) {
            BigDecimal stripped = value.stripTrailingZeros();
            if (stripped.scale() > scale) {
                return value; // more digits than the column's scale: keep them rather than round
            }
            value = stripped;
        }
        return value.setScale(scale);
    }

    /** A number for FLOAT and DOUBLE; {@code NaN}/{@code Infinity} text is accepted as well. */
    private static Number floating(Object raw) {
        if (raw instanceof Number) {
            return (Number) raw;
        }
        if (raw instanceof String) {
            switch ((String) raw) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "inf":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ConversionFailure("expected a JSON number, got " + JavaTypes.describe(raw));
    }

    /** Numbers, and numeric text (some servers send wide integers as strings). */
    private static Object numeric(Object raw) {
        if (raw instanceof Number || raw instanceof String) {
            return raw;
        }
        throw new ConversionFailure("expected a JSON number, got " + JavaTypes.describe(raw));
    }

    private static String text(Object raw) {
        if (raw instanceof String) {
            return (String) raw;
        }
        throw new ConversionFailure("expected a JSON string, got " + JavaTypes.describe(raw));
    }

    private static Object offsetTimeOrText(String text) {
        try {
            return TemporalText.offsetTime(text);
        } catch (ConversionFailure e) {
            return text; // TIMETZ rendering is not verified (protocol §6): keep the text rather than fail
        }
    }

    private static Interval interval(String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConversionFailure("not an INTERVAL text (expected e.g. '1 mons 2 days 3.000000000 secs')");
        }
    }

    /**
     * Parses the canonical hyphenated form strictly (36 characters, hex digits), unlike {@link UUID#fromString}.
     *
     * @throws ConversionFailure otherwise
     */
    public static UUID uuid(String text) {
        if (text.length() != 36) {
            throw new ConversionFailure("not a UUID text (expected 8-4-4-4-12 hex digits)");
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            boolean ok = hyphen ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                throw new ConversionFailure("not a UUID text (expected 8-4-4-4-12 hex digits)");
            }
        }
        return UUID.fromString(text);
    }
}
