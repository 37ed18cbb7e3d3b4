package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.row.Interval;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes Java values into Arrow vectors for row ingest, and estimates the bytes each value adds to a record batch
 * (so that batches can be cut by size before they are built).
 *
 * <p>Accepted values per column type: booleans; integers from any integral {@link Number} that fits; floats and doubles
 * from any {@link Number}; decimals from {@link BigDecimal} (or integral numbers) without rounding; text from
 * {@link CharSequence}, {@link UUID} and enums; binary from {@code byte[]} and {@link ByteBuffer}; {@code DATE} from
 * {@link LocalDate}; {@code TIME} from {@link LocalTime}; {@code TIMESTAMP} from {@link LocalDateTime} (or an
 * {@link Instant}, taken as UTC); {@code TIMESTAMPTZ} from {@link Instant}, {@link OffsetDateTime} or
 * {@link ZonedDateTime}; intervals from {@link Interval} or {@link Duration}; lists from {@link List}; structs from
 * {@link Map}. A value that does not fit fails with {@link SerializationException} naming the column.
 */
final class ArrowValueWriter {

    private ArrowValueWriter() {
    }

    /** Writes {@code value} at {@code index} of {@code vector} (growing it as needed). */
    static void set(FieldVector vector, int index, Object value) {
        try {
            if (value == null) {
                if (!vector.getField().isNullable()) {
                    throw new IllegalArgumentException("null in a non-nullable column");
                }
                vector.setNull(index);
                return;
            }
            write(vector, index, value);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot write " + (value == null ? "null" : "a "
                    + value.getClass().getSimpleName()) + " into column '"
                    + vector.getName() + "' of Arrow type " + vector.getField().getType() + ": " + e.getMessage(),
                    ErrorContext.none(), e);
        }
    }

    private static void write(FieldVector v, int i, Object value) {
        switch (v.getMinorType()) {
            case BIT:
                ((BitVector) v).setSafe(i, ((Boolean) value) ? 1 : 0);
                return;
            case TINYINT:
                ((TinyIntVector) v).setSafe(i, (byte) exact(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
                return;
            case SMALLINT:
                ((SmallIntVector) v).setSafe(i, (short) exact(value, Short.MIN_VALUE, Short.MAX_VALUE));
                return;
            case INT:
                ((IntVector) v).setSafe(i, (int) exact(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                return;
            case BIGINT:
                ((BigIntVector) v).setSafe(i, exact(value, Long.MIN_VALUE, Long.MAX_VALUE));
                return;
            case FLOAT4:
                ((Float4Vector) v).setSafe(i, ((Number) value).floatValue());
                return;
            case FLOAT8:
                ((Float8Vector) v).setSafe(i, ((Number) value).doubleValue());
                return;
            case DECIMAL:
                DecimalVector d = (DecimalVector) v;
                d.setSafe(i, decimal(value).setScale(d.getScale(), RoundingMode.UNNECESSARY));
                return;
            case VARCHAR:
                ((VarCharVector) v).setSafe(i, text(value));
                return;
            case LARGEVARCHAR:
                ((LargeVarCharVector) v).setSafe(i, text(value));
                return;
            case VARBINARY:
                ((VarBinaryVector) v).setSafe(i, bytes(value));
                return;
            case LARGEVARBINARY:
                ((LargeVarBinaryVector) v).setSafe(i, bytes(value));
                return;
            case FIXEDSIZEBINARY:
                ((FixedSizeBinaryVector) v).setSafe(i, value instanceof UUID ? uuid((UUID) value) : bytes(value));
                return;
            default:
                writeTemporal(v, i, value);
        }
    }

    private static void writeTemporal(FieldVector v, int i, Object value) {
        switch (v.getMinorType()) {
            case DATEDAY:
                ((DateDayVector) v).setSafe(i, Math.toIntExact(((LocalDate) value).toEpochDay()));
                return;
            case DATEMILLI:
                ((DateMilliVector) v).setSafe(i, ((LocalDate) value).toEpochDay() * 86_400_000L);
                return;
            case TIMESEC:
                ((TimeSecVector) v).setSafe(i, ((LocalTime) value).toSecondOfDay());
                return;
            case TIMEMILLI:
                ((TimeMilliVector) v).setSafe(i, (int) (((LocalTime) value).toNanoOfDay() / 1_000_000L));
                return;
            case TIMEMICRO:
                ((TimeMicroVector) v).setSafe(i, ((LocalTime) value).toNanoOfDay() / 1_000L);
                return;
            case TIMENANO:
                ((TimeNanoVector) v).setSafe(i, ((LocalTime) value).toNanoOfDay());
                return;
            case TIMESTAMPSEC:
            case TIMESTAMPMILLI:
            case TIMESTAMPMICRO:
            case TIMESTAMPNANO:
            case TIMESTAMPSECTZ:
            case TIMESTAMPMILLITZ:
            case TIMESTAMPMICROTZ:
            case TIMESTAMPNANOTZ:
                TimeStampVector ts = (TimeStampVector) v;
                ts.setSafe(i, epoch(instant(value, ((ArrowType.Timestamp) v.getField().getType()).getTimezone() != null),
                        ((ArrowType.Timestamp) v.getField().getType()).getUnit()));
                return;
            case INTERVALMONTHDAYNANO:
                Interval interval = value instanceof Duration ? Interval.of(0, 0, ((Duration) value).toNanos())
                        : (Interval) value;
                ((IntervalMonthDayNanoVector) v).setSafe(i, interval.months(), interval.days(), interval.nanos());
                return;
            case DURATION:
                DurationVector dv = (DurationVector) v;
                dv.setSafe(i, epoch(Instant.EPOCH.plus((Duration) value), dv.getUnit()));
                return;
            default:
                writeNested(v, i, value);
        }
    }

    private static void writeNested(FieldVector v, int i, Object value) {
        switch (v.getMinorType()) {
            case LIST:
                ListVector list = (ListVector) v;
                List<?> elements = (List<?>) value;
                int offset = list.startNewValue(i);
                FieldVector data = list.getDataVector();
                for (int k = 0; k < elements.size(); k++) {
                    set(data, offset + k, elements.get(k));
                }
                list.endValue(i, elements.size());
                return;
            case STRUCT:
                StructVector struct = (StructVector) v;
                Map<?, ?> fields = (Map<?, ?>) value;
                for (FieldVector child : struct.getChildrenFromFields()) {
                    set(child, i, fields.get(child.getName()));
                }
                struct.setIndexDefined(i);
                return;
            default:
                throw new IllegalArgumentException("this column type is not supported for row ingest; ingest record "
                        + "batches instead");
        }
    }

    /** The bytes {@code value} adds to a column of {@code field} (buffers only, validity bits rounded up). */
    static long estimate(Field field, Object value) {
        long validity = 1;
        if (value == null) {
            return validity + fixedWidth(field.getType());
        }
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Utf8:
                return validity + 4 + utf8Length(value.toString());
            case LargeUtf8:
                return validity + 8 + utf8Length(value.toString());
            case Binary:
                return validity + 4 + byteLength(value);
            case LargeBinary:
                return validity + 8 + byteLength(value);
            case List:
                long sum = validity + 4;
                for (Object element : (List<?>) value) {
                    sum += estimate(field.getChildren().get(0), element);
                }
                return sum;
            case Struct:
                long total = validity;
                Map<?, ?> map = (Map<?, ?>) value;
                for (Field child : field.getChildren()) {
                    total += estimate(child, map.get(child.getName()));
                }
                return total;
            default:
                return validity + fixedWidth(type);
        }
    }

    private static long fixedWidth(ArrowType type) {
        switch (type.getTypeID()) {
            case Int:
                return ((ArrowType.Int) type).getBitWidth() / 8;
            case FloatingPoint:
                return 8;
            case Decimal:
                return ((ArrowType.Decimal) type).getBitWidth() / 8;
            case FixedSizeBinary:
                return ((ArrowType.FixedSizeBinary) type).getByteWidth();
            case Interval:
                return 16;
            case Utf8:
            case Binary:
            case List:
                return 4;
            default:
                return 8;
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                k++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static long byteLength(Object value) {
        return value instanceof ByteBuffer ? ((ByteBuffer) value).remaining() : ((byte[]) value).length;
    }

    private static long exact(Object value, long min, long max) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            v = ((BigInteger) value).longValueExact();
        } else if (value instanceof BigDecimal) {
            v = ((BigDecimal) value).longValueExact();
        } else {
            throw new IllegalArgumentException("not an integer");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is out of range");
        }
        return v;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof BigInteger) {
            return new BigDecimal((BigInteger) value);
        }
        return BigDecimal.valueOf(exact(value, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static byte[] text(Object value) {
        if (value instanceof CharSequence || value instanceof UUID || value instanceof Enum) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("not text");
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        ByteBuffer b = ((ByteBuffer) value).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] uuid(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static Instant instant(Object value, boolean zoned) {
        if (value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toInstant();
        }
        if (value instanceof ZonedDateTime) {
            return ((ZonedDateTime) value).toInstant();
        }
        if (value instanceof LocalDateTime && !zoned) {
            return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException(zoned ? "a TIMESTAMPTZ needs an Instant, OffsetDateTime or ZonedDateTime"
                : "a TIMESTAMP needs a LocalDateTime or an Instant");
    }

    private static long epoch(Instant instant, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return instant.getEpochSecond();
            case MILLISECOND:
                return instant.toEpochMilli();
            case MICROSECOND:
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
            default:
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
    }
}
