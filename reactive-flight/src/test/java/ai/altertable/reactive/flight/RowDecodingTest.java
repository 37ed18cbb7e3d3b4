package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.Interval;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.core.row.Rows;
import ai.altertable.reactive.core.row.internal.JsonValues;
import ai.altertable.reactive.flight.testserver.Dataset;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row read over Flight holds the same natural Java values as the REST client's row of the same result (built here
 * from the JSON cells the REST API sends), for the Arrow types the server streams (protocol §13.2).
 */
class RowDecodingTest extends FlightTestSupport {

    private static final String SQL = "SELECT * FROM every_type";
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    private static Field field(String name, ArrowType type, Field... children) {
        return new Field(name, FieldType.nullable(type), children.length == 0 ? null : List.of(children));
    }

    private static final List<Field> FIELDS = List.of(
            field("b", ArrowType.Bool.INSTANCE),
            field("i8", new ArrowType.Int(8, true)),
            field("i16", new ArrowType.Int(16, true)),
            field("i32", new ArrowType.Int(32, true)),
            field("i64", new ArrowType.Int(64, true)),
            field("u8", new ArrowType.Int(8, false)),
            field("u64", new ArrowType.Int(64, false)),
            field("f", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            field("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            field("dec", new ArrowType.Decimal(10, 2, 128)),
            field("s", ArrowType.Utf8.INSTANCE),
            field("u", ArrowType.Utf8.INSTANCE), // a UUID, streamed as text, announced as FixedSizeBinary(16)
            field("bl", ArrowType.Binary.INSTANCE),
            field("dt", new ArrowType.Date(DateUnit.DAY)),
            field("tm", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            field("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            field("tsms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            field("tstz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Etc/UTC")),
            field("iv", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)),
            field("l", ArrowType.List.INSTANCE, field("item", new ArrowType.Int(32, true))),
            field("st", ArrowType.Struct.INSTANCE, field("a", new ArrowType.Int(32, true)),
                    field("b", ArrowType.Utf8.INSTANCE)),
            new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(new Field("entries",
                    FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                    new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                    field("value", new ArrowType.Int(32, true)))))),
            new Field("e", new FieldType(true, new ArrowType.Int(32, true),
                    new DictionaryEncoding(7L, false, new ArrowType.Int(32, true))), null));

    /** The REST column types of the same result, and its first row as the REST API sends it. */
    private static final String[] REST_TYPES = {"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
            "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL(10,2)", "VARCHAR", "UUID", "BLOB", "DATE", "TIME", "TIMESTAMP",
            "TIMESTAMP_MS", "TIMESTAMPTZ", "INTERVAL", "INTEGER[]", "STRUCT(a INTEGER, b VARCHAR)",
            "MAP(VARCHAR, INTEGER)", "ENUM('red', 'green')"};
    private static final String REST_ROW = "[true,-5,300,70000,9000000000,200,18446744073709551615,1.5,2.25,123.45,"
            + "\"héllo\",\"550e8400-e29b-41d4-a716-446655440000\",\"deadbeef\",\"2024-03-01\",\"13:45:00.5\","
            + "\"2024-03-01 13:45:00.123456\",\"2024-03-01 13:45:00.123\",\"2024-03-01 13:45:00+00\","
            + "\"1 mons 2 days 3 hours 4.500000000 secs\",[1,null,3],[1,\"x\"],{\"k1\":1},\"red\"]";

    private static Dataset everyType() {
        Schema stream = new Schema(FIELDS);
        List<Field> announced = new ArrayList<>(FIELDS);
        announced.set(11, new Field("u", FieldType.nullable(new ArrowType.FixedSizeBinary(16)), null));
        return Dataset.of(stream, 2, RowDecodingTest::fill).announcing(new Schema(announced))
                .withDictionaries(allocator -> {
                    VarCharVector labels = new VarCharVector("DICT7", allocator);
                    labels.allocateNew();
                    labels.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
                    labels.setSafe(1, "green".getBytes(StandardCharsets.UTF_8));
                    labels.setValueCount(2);
                    DictionaryProvider.MapDictionaryProvider p = new DictionaryProvider.MapDictionaryProvider();
                    p.put(new Dictionary(labels, new DictionaryEncoding(7L, false, new ArrowType.Int(32, true))));
                    return p;
                });
    }

    /** Row 0 holds a value in every column, row 1 is all NULL. */
    private static void fill(VectorSchemaRoot root, long first, int rows) {
        ((BitVector) v(root, "b")).setSafe(0, 1);
        ((TinyIntVector) v(root, "i8")).setSafe(0, -5);
        ((SmallIntVector) v(root, "i16")).setSafe(0, 300);
        ((IntVector) v(root, "i32")).setSafe(0, 70000);
        ((BigIntVector) v(root, "i64")).setSafe(0, 9_000_000_000L);
        ((UInt1Vector) v(root, "u8")).setSafe(0, 200);
        ((UInt8Vector) v(root, "u64")).setSafe(0, -1L);
        ((Float4Vector) v(root, "f")).setSafe(0, 1.5f);
        ((Float8Vector) v(root, "d")).setSafe(0, 2.25);
        ((DecimalVector) v(root, "dec")).setSafe(0, new BigDecimal("123.45"));
        ((VarCharVector) v(root, "s")).setSafe(0, "héllo".getBytes(StandardCharsets.UTF_8));
        ((VarCharVector) v(root, "u")).setSafe(0, ID.toString().getBytes(StandardCharsets.UTF_8));
        ((VarBinaryVector) v(root, "bl")).setSafe(0, new byte[]{(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        ((DateDayVector) v(root, "dt")).setSafe(0, (int) LocalDate.of(2024, 3, 1).toEpochDay());
        ((TimeMicroVector) v(root, "tm")).setSafe(0, LocalTime.of(13, 45, 0, 500_000_000).toNanoOfDay() / 1000);
        long micros = LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000
                + 123_456;
        ((TimeStampMicroVector) v(root, "ts")).setSafe(0, micros);
        ((TimeStampMilliVector) v(root, "tsms")).setSafe(0, micros / 1000);
        ((TimeStampMicroTZVector) v(root, "tstz")).setSafe(0,
                LocalDateTime.of(2024, 3, 1, 13, 45).toEpochSecond(ZoneOffset.UTC) * 1_000_000);
        ((IntervalMonthDayNanoVector) v(root, "iv")).setSafe(0, 1, 2, 3 * 3_600_000_000_000L + 4_500_000_000L);
        ListVector l = (ListVector) v(root, "l");
        int offset = l.startNewValue(0);
        IntVector items = (IntVector) l.getDataVector();
        items.setSafe(offset, 1);
        items.setNull(offset + 1);
        items.setSafe(offset + 2, 3);
        l.endValue(0, 3);
        StructVector st = (StructVector) v(root, "st");
        ((IntVector) st.getChild("a")).setSafe(0, 1);
        ((VarCharVector) st.getChild("b")).setSafe(0, "x".getBytes(StandardCharsets.UTF_8));
        st.setIndexDefined(0);
        MapVector m = (MapVector) v(root, "m");
        int entry = m.startNewValue(0);
        StructVector entries = (StructVector) m.getDataVector();
        ((VarCharVector) entries.getChild("key")).setSafe(entry, "k1".getBytes(StandardCharsets.UTF_8));
        ((IntVector) entries.getChild("value")).setSafe(entry, 1);
        entries.setIndexDefined(entry);
        m.endValue(0, 1);
        ((IntVector) v(root, "e")).setSafe(0, 0);
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setNull(1);
        }
    }

    private static FieldVector v(VectorSchemaRoot root, String name) {
        return root.getVector(name);
    }

    @Test
    void flightRowsEqualRestRowsOfTheSameValues() {
        server.producer().register(SQL, everyType());

        List<Row> rows = client.query(SQL).collectList().block(TIMEOUT);

        List<Column> restColumns = new ArrayList<>();
        for (int i = 0; i < REST_TYPES.length; i++) {
            restColumns.add(Column.of(FIELDS.get(i).getName(), REST_TYPES[i]));
        }
        RowMetadata restMetadata = RowMetadata.of(restColumns);
        Row restValues = Rows.fromJsonCells(restMetadata, cells(REST_ROW));
        Row restNulls = Rows.fromJsonCells(restMetadata, new Object[REST_TYPES.length]);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isEqualTo(restValues);
        assertThat(rows.get(1)).isEqualTo(restNulls);
        for (int i = 0; i < REST_TYPES.length; i++) {
            Object flight = rows.get(0).get(i);
            Object rest = restValues.get(i);
            assertThat(flight).as("column %s", FIELDS.get(i).getName()).isInstanceOf(rest.getClass());
            assertThat(rows.get(1).isNull(i)).isTrue();
        }
        // the column types follow DuckDB's names too (an ENUM arrives as text, and reads as VARCHAR)
        for (int i = 0; i < REST_TYPES.length - 1; i++) {
            assertThat(rows.get(0).metadata().column(i).type()).as("type of %s", FIELDS.get(i).getName())
                    .isEqualTo(restMetadata.column(i).type());
        }
    }

    @Test
    void theNaturalValuesAreTheDocumentedJavaTypes() {
        server.producer().register(SQL, everyType());

        Row row = client.query(SQL).blockFirst(TIMEOUT);

        assertThat(row.get("i64")).isEqualTo(9_000_000_000L);
        assertThat(row.get("u64")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(row.get("dec")).isEqualTo(new BigDecimal("123.45"));
        assertThat(row.get("ts")).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000));
        assertThat(row.get("tstz")).isEqualTo(OffsetDateTime.of(2024, 3, 1, 13, 45, 0, 0, ZoneOffset.UTC));
        assertThat(row.get("dt")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(row.get("u")).isEqualTo(ID);
        assertThat(row.getBytes("bl")).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(row.get("iv")).isEqualTo(Interval.of(1, 2, 3 * 3_600_000_000_000L + 4_500_000_000L));
        assertThat(row.getList("l")).containsExactly(1, null, 3);
        assertThat(row.getMap("st")).containsExactly(Map.entry("a", 1), Map.entry("b", "x"));
        assertThat(row.getMap("m")).containsExactly(Map.entry("k1", 1));
        assertThat(row.get("e")).isEqualTo("red");
        assertThat(row.metadata().column(11).type().kind()).isEqualTo(DuckDbType.Kind.UUID);
    }

    @Test
    void ownedBatchesDescribeTheirColumnsAndDecodeToTheSameRows() {
        server.producer().register(SQL, everyType());

        List<Row> viaBatches = client.queryBatches(SQL).concatMapIterable(batch -> {
            try (batch) {
                assertThat(batch.metadata().column(0).type().kind()).isEqualTo(DuckDbType.Kind.BOOLEAN);
                return batch.toRows();
            }
        }).collectList().block(TIMEOUT);

        assertThat(viaBatches).isEqualTo(client.query(SQL).collectList().block(TIMEOUT));
    }

    private static Object[] cells(String jsonArray) {
        try {
            JsonNode line = JsonValues.mapper().readTree(jsonArray);
            Object[] out = new Object[line.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = JsonValues.rawCell(line.get(i));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
