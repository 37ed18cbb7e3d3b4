package ai.altertable.reactive.mock.internal.encode;

import org.duckdb.DuckDBStruct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Rebuilds the JSON text DuckDB's {@code CAST(variant AS JSON)} produces, from the Java objects DuckDB JDBC returns for
 * a VARIANT. The official mock re-selects VARIANT columns as {@code col::JSON} and then treats them as JSON cells
 * ({@link JsonCellText}); this class lets the encoder do the same without rewriting the statement.
 *
 * <p>What DuckDB JDBC 2.0.0.1 returns for a VARIANT is the value of the variant's current type: Integer, Long,
 * BigInteger, BigDecimal, Float, Double, Boolean, String (VARCHAR, ENUM, BIT, INTERVAL), UUID, LocalDate, LocalTime,
 * OffsetTime, Timestamp, OffsetDateTime, Blob, {@code DuckDBStruct} (objects, keys already sorted) and {@code Array}
 * (lists; a MAP arrives as a list of {@code {key, value}} structs, which is also how DuckDB casts it to JSON).
 * Temporal values and blobs become DuckDB's own text ({@code 2024-01-01 12:00:00.5}, {@code 13:45:00+02},
 * {@code \xDE\xAD}); NaN and infinities are written as DuckDB writes them ({@code NaN}), which serde_json rejects, so
 * such a cell becomes a string, as in the official mock.
 *
 * <p>Not thread-safe: it reuses one builder; an encoder owns one instance.
 */
final class VariantJsonText {

    private final StringBuilder out = new StringBuilder(64);
    private final ShortestDecimal decimal = new ShortestDecimal();
    private final char[] digits = new char[RyuLayout.MAX_LENGTH];

    /** The JSON text of a non-null VARIANT value. */
    String of(Object value) throws SQLException {
        out.setLength(0);
        append(value);
        return out.toString();
    }

    private void append(Object value) throws SQLException {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Float || value instanceof Double) {
            appendDouble(((Number) value).doubleValue());
        } else if (value instanceof Struct) {
            appendObject(value);
        } else if (value instanceof Array) {
            appendArray((Object[]) ((Array) value).getArray());
        } else {
            appendString(text(value));
        }
    }

    private void appendObject(Object struct) throws SQLException {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : ((DuckDBStruct) struct).getMap().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(field.getKey());
            out.append(':');
            append(field.getValue());
        }
        out.append('}');
    }

    private void appendArray(Object[] elements) throws SQLException {
        out.append('[');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            append(elements[i]);
        }
        out.append(']');
    }

    private void appendDouble(double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Infinity" : "-Infinity");
        } else {
            out.append(digits, 0, RyuLayout.write(decimal.of(value), digits));
        }
    }

    /** DuckDB's VARCHAR text of a scalar. */
    private static String text(Object value) throws SQLException {
        if (value instanceof LocalDate) {
            return date((LocalDate) value);
        }
        if (value instanceof LocalTime) {
            return time((LocalTime) value);
        }
        if (value instanceof OffsetTime) {
            OffsetTime t = (OffsetTime) value;
            return time(t.toLocalTime()) + offset(t.getOffset());
        }
        if (value instanceof Timestamp) {
            return dateTime(((Timestamp) value).toLocalDateTime());
        }
        if (value instanceof OffsetDateTime) {
            return dateTime(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            return blobText(blob.getBytes(1, (int) blob.length()));
        }
        return value.toString();
    }

    private static String dateTime(LocalDateTime value) {
        return date(value.toLocalDate()) + ' ' + time(value.toLocalTime());
    }

    /** {@code 2024-03-01}; years before 1 as {@code 0044-03-15 (BC)}. */
    private static String date(LocalDate date) {
        int year = date.getYear();
        String text = String.format("%04d-%02d-%02d", year > 0 ? year : 1 - year, date.getMonthValue(),
                date.getDayOfMonth());
        return year > 0 ? text : text + " (BC)";
    }

    /** {@code 13:45:00}, with the fraction's trailing zeros removed: {@code 13:45:00.5}. */
    private static String time(LocalTime time) {
        String text = String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        int nanos = time.getNano();
        if (nanos == 0) {
            return text;
        }
        String fraction = String.format("%09d", nanos);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return text + '.' + fraction.substring(0, end);
    }

    /** {@code +02}, {@code -05:30}. */
    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        StringBuilder text = new StringBuilder().append(seconds < 0 ? '-' : '+')
                .append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            text.append(String.format(":%02d", abs / 60 % 60));
        }
        if (abs % 60 != 0) {
            text.append(String.format(":%02d", abs % 60));
        }
        return text.toString();
    }

    /** DuckDB's blob text: printable ASCII as is, other bytes and quotes and backslashes as {@code \xHH}. */
    private static String blobText(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 32 && c <= 126 && c != '\\' && c != '\'' && c != '"') {
                text.append((char) c);
            } else {
                text.append("\\x").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return text.toString();
    }

    private void appendString(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
