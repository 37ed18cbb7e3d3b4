package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * Prepared-statement parameters as the official mock reads them (protocol §9.2): every value of every row of every
 * uploaded batch, row by row, as text, which DuckDB then casts to the parameter types. A null is the four-letter text
 * {@code NULL}, binary is a debug rendering of the byte list, and a type the mock does not convert is the text
 * {@code UNSUPPORTED_TYPE_<type>} (the type spelled as arrow-rs prints it, approximated [inferred]). Each such value
 * also gets a note (the limit and the fix) that a failed execution adds to its error text ({@link BoundParameters}).
 */
final class ParameterTextReader {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter[] TIMESTAMP = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS"),
    };

    /** The text the server binds for a value of a type it does not read, before the type's name. */
    static final String UNSUPPORTED = "UNSUPPORTED_TYPE_";
    private static final String BLOB_FIX = "bind BLOB parameters as text (Utf8) in DuckDB's escaped form, such as "
            + "'\\x01\\xFF' for the bytes 01 FF";
    private static final String TEXT_HOW = ", e.g. by writing CAST(? AS VARCHAR) in the SQL and sending the value as "
            + "a string";

    private ParameterTextReader() {
    }

    /** Reads the whole upload: every value, row by row, batch by batch, with a note on each value bound lossily. */
    static BoundParameters flatten(FlightStream upload) {
        BoundParameters.Builder bound = new BoundParameters.Builder();
        while (upload.next()) {
            VectorSchemaRoot root = upload.getRoot();
            for (int row = 0; row < root.getRowCount(); row++) {
                bound.row();
                int position = 1;
                for (FieldVector column : root.getFieldVectors()) {
                    String text = text(column, row);
                    bound.value(text, note(column, row, position++, text));
                }
            }
        }
        return bound.build();
    }

    /**
     * What the server's binding did to a value the client most likely meant otherwise, and how to bind it instead; null
     * for a value bound as sent.
     */
    static String note(FieldVector column, int row, int position, String text) {
        String parameter = "parameter " + position;
        if (column.isNull(row)) {
            return parameter + " is null, which the server binds as the text 'NULL', not SQL NULL: write NULL into the "
                    + "SQL instead of binding it";
        }
        ArrowType type = column.getField().getType();
        if (type.getTypeID() == ArrowType.ArrowTypeID.Binary) {
            return parameter + " is Arrow Binary, which the server binds as the text '" + text + "' (the list of the "
                    + "bytes), not as the bytes: " + BLOB_FIX;
        }
        if (type.getTypeID() != ArrowType.ArrowTypeID.Utf8 && text.startsWith(UNSUPPORTED)) {
            String arrow = text.substring(UNSUPPORTED.length());
            String sql = sqlName(column);
            return parameter + " is Arrow " + arrow + ", a type the server does not read: it binds the text '" + text
                    + "' instead: " + (sql.equals("BLOB") ? BLOB_FIX : "bind " + sql + " parameters as text (Utf8)"
                    + TEXT_HOW);
        }
        return null;
    }

    /** The DuckDB name of the values of an Arrow type the server does not bind, for a hint. */
    private static String sqlName(FieldVector column) {
        if (column.getField().getDictionary() != null) {
            return "dictionary-encoded";
        }
        switch (column.getField().getType().getTypeID()) {
            case Decimal: return "DECIMAL";
            case Date: return "DATE";
            case Time: return "TIME";
            case Timestamp: return "TIMESTAMP";
            case Duration:
            case Interval: return "INTERVAL";
            case LargeUtf8:
            case Utf8View: return "VARCHAR";
            case LargeBinary:
            case BinaryView:
            case FixedSizeBinary: return "BLOB";
            case FloatingPoint: return "FLOAT";
            case List:
            case LargeList:
            case FixedSizeList:
            case ListView:
            case LargeListView: return "LIST";
            case Struct: return "STRUCT";
            case Map: return "MAP";
            default: return "such";
        }
    }

    /** One value as text. */
    static String text(FieldVector column, int row) {
        if (column.isNull(row)) {
            return "NULL";
        }
        ArrowType type = column.getField().getType();
        if (column.getField().getDictionary() != null) {
            return unsupported("Dictionary(" + rustName(type) + ", ?)");
        }
        switch (type.getTypeID()) {
            case Bool:
                return ((BitVector) column).get(row) != 0 ? "true" : "false";
            case Int:
                long value = ((BaseIntVector) column).getValueAsLong(row);
                ArrowType.Int integer = (ArrowType.Int) type;
                return !integer.getIsSigned() && integer.getBitWidth() == 64 ? Long.toUnsignedString(value)
                        : Long.toString(value);
            case FloatingPoint:
                FloatingPointPrecision precision = ((ArrowType.FloatingPoint) type).getPrecision();
                if (precision == FloatingPointPrecision.SINGLE) {
                    float f = ((Float4Vector) column).get(row);
                    return decimal(f, Float.toString(f));
                }
                if (precision == FloatingPointPrecision.DOUBLE) {
                    double d = ((Float8Vector) column).get(row);
                    return decimal(d, Double.toString(d));
                }
                return unsupported(rustName(type));
            case Utf8:
                return new String(((VarCharVector) column).get(row), StandardCharsets.UTF_8);
            case Date:
                return column instanceof DateDayVector ? LocalDate.ofEpochDay(((DateDayVector) column).get(row))
                        .toString() : unsupported(rustName(type));
            case Time:
                return column instanceof TimeMicroVector ? LocalTime.ofNanoOfDay(
                        ((TimeMicroVector) column).get(row) * 1_000L).format(TIME) : unsupported(rustName(type));
            case Timestamp:
                return timestamp(((TimeStampVector) column).get(row), ((ArrowType.Timestamp) type).getUnit());
            case Binary:
                StringJoiner bytes = new StringJoiner(", ", "[", "]");
                for (byte b : ((VarBinaryVector) column).get(row)) {
                    bytes.add(Integer.toString(b & 0xff));
                }
                return bytes.toString();
            default:
                return unsupported(rustName(type));
        }
    }

    /** Rust's {@code Display} of a float: no exponent, no trailing {@code .0}, {@code NaN}, {@code inf}. */
    private static String decimal(double value, String javaText) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
    }

    /** UTC wall-clock text with 0, 3, 6 or 9 fraction digits for seconds, milli-, micro- and nanoseconds. */
    private static String timestamp(long value, TimeUnit unit) {
        long perSecond;
        int style;
        switch (unit) {
            case SECOND: perSecond = 1; style = 0; break;
            case MILLISECOND: perSecond = 1_000; style = 1; break;
            case MICROSECOND: perSecond = 1_000_000; style = 2; break;
            default: perSecond = 1_000_000_000; style = 3; break;
        }
        long seconds = Math.floorDiv(value, perSecond);
        long nanos = Math.floorMod(value, perSecond) * (1_000_000_000 / perSecond);
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC).format(TIMESTAMP[style]);
    }

    private static String unsupported(String typeName) {
        return UNSUPPORTED + typeName;
    }

    /** How arrow-rs's {@code Debug} spells a data type, for the types that reach here. */
    private static String rustName(ArrowType type) {
        switch (type.getTypeID()) {
            case LargeUtf8: return "LargeUtf8";
            case Utf8View: return "Utf8View";
            case LargeBinary: return "LargeBinary";
            case BinaryView: return "BinaryView";
            case FixedSizeBinary: return "FixedSizeBinary(" + ((ArrowType.FixedSizeBinary) type).getByteWidth() + ")";
            case Decimal:
                ArrowType.Decimal d = (ArrowType.Decimal) type;
                return "Decimal" + d.getBitWidth() + "(" + d.getPrecision() + ", " + d.getScale() + ")";
            case Date: return ((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY
                    ? "Date32" : "Date64";
            case Time:
                ArrowType.Time t = (ArrowType.Time) type;
                return "Time" + t.getBitWidth() + "(" + unitName(t.getUnit()) + ")";
            case Duration: return "Duration(" + unitName(((ArrowType.Duration) type).getUnit()) + ")";
            case Interval: return "Interval(" + capitalized(((ArrowType.Interval) type).getUnit().name()) + ")";
            case FloatingPoint: return "Float16";
            case Null: return "Null";
            default: return type.getTypeID().name();
        }
    }

    private static String unitName(TimeUnit unit) {
        return capitalized(unit.name());
    }

    /** {@code MONTH_DAY_NANO} as {@code MonthDayNano}. */
    private static String capitalized(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.split("_")) {
            if (!word.isEmpty()) {
                out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out.toString();
    }
}
