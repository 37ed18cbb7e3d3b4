package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.Interval;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads Arrow cells as the natural Java values of their DuckDB types ({@link DuckDbType#javaType()}), the same values
 * the REST transport's rows hold: {@code BIGINT} a {@link Long}, {@code DECIMAL} a {@code BigDecimal}, {@code TIMESTAMP}
 * a {@link LocalDateTime}, {@code TIMESTAMPTZ} an {@code OffsetDateTime} in the column's time zone, {@code DATE} a
 * {@link LocalDate}, {@code UUID} a {@link UUID}, {@code BLOB} a {@code byte[]}, {@code INTERVAL} an {@link Interval},
 * {@code LIST} an unmodifiable {@code List}, {@code STRUCT} and {@code MAP} unmodifiable ordered {@code Map}s with
 * string keys. A reader is built once per column and batch and must not outlive the batch.
 */
final class CellReaders {

    private CellReaders() {
    }

    /** Reads one cell; {@code null} for SQL {@code NULL}. */
    @FunctionalInterface
    interface CellReader {
        Object read(int index);
    }

    /** A reader for {@code vector}, whose column has the DuckDB type {@code type}. */
    static CellReader of(ValueVector vector, DuckDbType type) {
        ValueVector v = vector instanceof ExtensionTypeVector ? ((ExtensionTypeVector<?>) vector).getUnderlyingVector()
                : vector;
        CellReader value = values(v, type);
        return i -> v.isNull(i) ? null : value.read(i);
    }

    private static CellReader values(ValueVector v, DuckDbType type) {
        switch (v.getMinorType()) {
            case NULL:
                return i -> null;
            case BIT:
                return i -> ((BitVector) v).get(i) != 0;
            case TINYINT:
                return i -> ((TinyIntVector) v).get(i);
            case SMALLINT:
                return i -> ((SmallIntVector) v).get(i);
            case INT:
                return i -> ((IntVector) v).get(i);
            case BIGINT:
                return i -> ((BigIntVector) v).get(i);
            case UINT1:
                return i -> (short) (((UInt1Vector) v).get(i) & 0xFF);
            case UINT2:
                return i -> (int) ((UInt2Vector) v).get(i);
            case UINT4:
                return i -> Integer.toUnsignedLong(((UInt4Vector) v).get(i));
            case UINT8:
                return i -> ((UInt8Vector) v).getObjectNoOverflow(i);
            case FLOAT2:
                return i -> ((Float2Vector) v).getValueAsFloat(i);
            case FLOAT4:
                return i -> ((Float4Vector) v).get(i);
            case FLOAT8:
                return i -> ((Float8Vector) v).get(i);
            case DECIMAL:
                return i -> ((DecimalVector) v).getObject(i);
            case DECIMAL256:
                return i -> ((Decimal256Vector) v).getObject(i);
            case VARCHAR:
            case LARGEVARCHAR:
            case VIEWVARCHAR:
                return text(v, type);
            case VARBINARY:
            case LARGEVARBINARY:
            case VIEWVARBINARY:
                return v::getObject;
            case FIXEDSIZEBINARY:
                return fixedBinary((FixedSizeBinaryVector) v, type);
            default:
                return temporal(v);
        }
    }

    private static CellReader temporal(ValueVector v) {
        switch (v.getMinorType()) {
            case DATEDAY:
                return i -> LocalDate.ofEpochDay(((DateDayVector) v).get(i));
            case DATEMILLI:
                return i -> LocalDate.ofEpochDay(Math.floorDiv(((DateMilliVector) v).get(i), 86_400_000L));
            case TIMESEC:
                return i -> LocalTime.ofSecondOfDay(((TimeSecVector) v).get(i));
            case TIMEMILLI:
                return i -> LocalTime.ofNanoOfDay(((TimeMilliVector) v).get(i) * 1_000_000L);
            case TIMEMICRO:
                return i -> LocalTime.ofNanoOfDay(((TimeMicroVector) v).get(i) * 1_000L);
            case TIMENANO:
                return i -> LocalTime.ofNanoOfDay(((TimeNanoVector) v).get(i));
            case TIMESTAMPSEC:
            case TIMESTAMPMILLI:
            case TIMESTAMPMICRO:
            case TIMESTAMPNANO:
                return localTimestamp((TimeStampVector) v);
            case TIMESTAMPSECTZ:
            case TIMESTAMPMILLITZ:
            case TIMESTAMPMICROTZ:
            case TIMESTAMPNANOTZ:
                return zonedTimestamp((TimeStampVector) v);
            case INTERVALMONTHDAYNANO:
                return i -> Interval.of(IntervalMonthDayNanoVector.getMonths(v.getDataBuffer(), i),
                        IntervalMonthDayNanoVector.getDays(v.getDataBuffer(), i),
                        IntervalMonthDayNanoVector.getNanoseconds(v.getDataBuffer(), i));
            case INTERVALDAY:
                return i -> Interval.of(0, IntervalDayVector.getDays(v.getDataBuffer(), i),
                        IntervalDayVector.getMilliseconds(v.getDataBuffer(), i) * 1_000_000L);
            case INTERVALYEAR:
                return i -> Interval.of(IntervalYearVector.getTotalMonths(v.getDataBuffer(), i), 0, 0);
            case DURATION:
                TimeUnit durationUnit = ((DurationVector) v).getUnit();
                return i -> Interval.of(0, 0, toNanos(DurationVector.get(v.getDataBuffer(), i), durationUnit));
            default:
                return nested(v);
        }
    }

    private static CellReader nested(ValueVector v) {
        switch (v.getMinorType()) {
            case MAP:
                return map((MapVector) v);
            case LIST:
                ListVector list = (ListVector) v;
                return elements(list.getDataVector(), list::getElementStartIndex, list::getElementEndIndex);
            case LARGELIST:
                LargeListVector large = (LargeListVector) v;
                return elements(large.getDataVector(), i -> (int) large.getElementStartIndex(i),
                        i -> (int) large.getElementEndIndex(i));
            case FIXED_SIZE_LIST:
                FixedSizeListVector fixed = (FixedSizeListVector) v;
                int size = fixed.getListSize();
                return elements(fixed.getDataVector(), i -> i * size, i -> i * size + size);
            case STRUCT:
                return struct((StructVector) v);
            case UNION:
                return union((UnionVector) v);
            case DENSEUNION:
                return denseUnion((DenseUnionVector) v);
            default: // list views, run-end encoded, anything newer: Arrow's own object form
                return i -> natural(v.getObject(i));
        }
    }

    private static CellReader text(ValueVector v, DuckDbType type) {
        switch (type.kind()) {
            case UUID:
                return i -> UUID.fromString(v.getObject(i).toString());
            case JSON:
                return i -> json(v.getObject(i).toString());
            default:
                return i -> v.getObject(i).toString(); // Text decodes UTF-8
        }
    }

    private static Object json(String text) {
        try {
            return AltertableJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static CellReader fixedBinary(FixedSizeBinaryVector v, DuckDbType type) {
        if (type.kind() == DuckDbType.Kind.UUID && v.getByteWidth() == 16) {
            return i -> {
                ByteBuffer b = ByteBuffer.wrap(v.get(i));
                return new UUID(b.getLong(), b.getLong());
            };
        }
        return v::get;
    }

    private static CellReader localTimestamp(TimeStampVector v) {
        TimeUnit unit = ((ArrowType.Timestamp) v.getField().getType()).getUnit();
        return i -> {
            Instant instant = instant(v.get(i), unit);
            return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        };
    }

    private static CellReader zonedTimestamp(TimeStampVector v) {
        ArrowType.Timestamp t = (ArrowType.Timestamp) v.getField().getType();
        ZoneId zone = zone(t.getTimezone());
        return i -> instant(v.get(i), t.getUnit()).atZone(zone).toOffsetDateTime();
    }

    static ZoneId zone(String timezone) {
        try {
            return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant instant(long value, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return Instant.ofEpochSecond(value);
            case MILLISECOND:
                return Instant.ofEpochMilli(value);
            case MICROSECOND:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            default:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        }
    }

    private static long toNanos(long value, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return Math.multiplyExact(value, 1_000_000_000L);
            case MILLISECOND:
                return Math.multiplyExact(value, 1_000_000L);
            case MICROSECOND:
                return Math.multiplyExact(value, 1_000L);
            default:
                return value;
        }
    }

    private interface Bound {
        int at(int index);
    }

    private static CellReader elements(ValueVector data, Bound start, Bound end) {
        CellReader element = of(data, ArrowTypes.duckDbType(data.getField(), null));
        return i -> {
            int from = start.at(i);
            int to = end.at(i);
            List<Object> out = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                out.add(element.read(k));
            }
            return Collections.unmodifiableList(out);
        };
    }

    private static CellReader struct(StructVector v) {
        List<String> names = new ArrayList<>();
        List<CellReader> readers = new ArrayList<>();
        for (ValueVector child : v.getChildrenFromFields()) {
            names.add(child.getName());
            readers.add(of(child, ArrowTypes.duckDbType(child.getField(), null)));
        }
        return i -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                out.put(names.get(k), readers.get(k).read(i));
            }
            return Collections.unmodifiableMap(out);
        };
    }

    /** A MAP as an ordered map keyed by the keys' text, as the REST transport (JSON objects) keys it. */
    private static CellReader map(MapVector v) {
        StructVector entries = (StructVector) v.getDataVector();
        List<ValueVector> kv = new ArrayList<>(entries.getChildrenFromFields());
        CellReader key = of(kv.get(0), ArrowTypes.duckDbType(kv.get(0).getField(), null));
        CellReader value = of(kv.get(1), ArrowTypes.duckDbType(kv.get(1).getField(), null));
        return i -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int k = v.getElementStartIndex(i); k < v.getElementEndIndex(i); k++) {
                out.put(String.valueOf(key.read(k)), value.read(k));
            }
            return Collections.unmodifiableMap(out);
        };
    }

    private static CellReader union(UnionVector v) {
        Map<Integer, CellReader> byType = new HashMap<>();
        return i -> {
            int typeId = v.getTypeValue(i);
            ValueVector child = v.getVectorByType(typeId);
            return byType.computeIfAbsent(typeId, t -> of(child, ArrowTypes.duckDbType(child.getField(), null)))
                    .read(i);
        };
    }

    private static CellReader denseUnion(DenseUnionVector v) {
        Map<Byte, CellReader> byType = new HashMap<>();
        return i -> {
            byte typeId = v.getTypeId(i);
            ValueVector child = v.getVectorByType(typeId);
            return byType.computeIfAbsent(typeId, t -> of(child, ArrowTypes.duckDbType(child.getField(), null)))
                    .read(v.getOffset(i));
        };
    }

    /** Arrow's object form made natural: text as {@code String}, nested lists and maps unmodifiable. */
    private static Object natural(Object o) {
        if (o instanceof Text) {
            return o.toString();
        }
        if (o instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) o) {
                out.add(natural(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (o instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, val) -> out.put(String.valueOf(k), natural(val)));
            return Collections.unmodifiableMap(out);
        }
        return o;
    }
}
