package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol §9.2: how each Arrow value becomes parameter text, and what a failed execution says about it. */
class ParameterTextReaderTest {

    private final BufferAllocator allocator = new RootAllocator();
    private final List<FieldVector> vectors = new ArrayList<>();

    @AfterEach
    void close() {
        vectors.forEach(FieldVector::close);
        allocator.close();
    }

    @Test
    void scalarsAsTheOfficialMockWritesThem() {
        assertThat(text(new BitVector("b", allocator), v -> v.setSafe(0, 1))).isEqualTo("true");
        assertThat(text(new IntVector("i", allocator), v -> v.setSafe(0, -42))).isEqualTo("-42");
        assertThat(text(new UInt8Vector("u", allocator), v -> v.setSafe(0, -1L))).isEqualTo("18446744073709551615");
        assertThat(text(new Float8Vector("d", allocator), v -> v.setSafe(0, 1.0))).isEqualTo("1");
        assertThat(text(new Float8Vector("d", allocator), v -> v.setSafe(0, 1e21))).isEqualTo("1000000000000000000000");
        assertThat(text(new Float8Vector("d", allocator), v -> v.setSafe(0, Double.NEGATIVE_INFINITY)))
                .isEqualTo("-inf");
        assertThat(text(new Float4Vector("f", allocator), v -> v.setSafe(0, 0.1f))).isEqualTo("0.1");
        assertThat(text(new VarCharVector("s", allocator), v -> v.setSafe(0, "é".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("é");
        assertThat(text(new DateDayVector("d", allocator), v -> v.setSafe(0, 19_782))).isEqualTo("2024-02-29");
        assertThat(text(new TimeMicroVector("t", allocator), v -> v.setSafe(0, 3_723_000_004L)))
                .isEqualTo("01:02:03.000004");
    }

    @Test
    void timestampsAreUtcWallClockWithTheUnitsDigits() {
        assertThat(text(new TimeStampSecVector("s", allocator), v -> v.setSafe(0, 86_400))).isEqualTo(
                "1970-01-02 00:00:00");
        assertThat(text(new TimeStampMilliTZVector("m", allocator, "Europe/Paris"), v -> v.setSafe(0, 1_500)))
                .isEqualTo("1970-01-01 00:00:01.500");
        assertThat(text(new TimeStampNanoVector("n", allocator), v -> v.setSafe(0, -1))).isEqualTo(
                "1969-12-31 23:59:59.999999999");
    }

    @Test
    void nullsBinaryAndUnsupportedTypesKeepTheOfficialQuirks() {
        assertThat(text(new IntVector("i", allocator), v -> v.setNull(0))).isEqualTo("NULL");
        assertThat(text(new VarBinaryVector("b", allocator), v -> v.setSafe(0, new byte[] {1, 2, (byte) 255})))
                .isEqualTo("[1, 2, 255]");
        assertThat(text(new LargeVarCharVector("l", allocator), v -> v.setSafe(0, "x".getBytes(
                StandardCharsets.UTF_8)))).isEqualTo("UNSUPPORTED_TYPE_LargeUtf8");
        assertThat(text(new DecimalVector("d", allocator, 10, 2), v -> v.setSafe(0, new BigDecimal("1.50"))))
                .isEqualTo("UNSUPPORTED_TYPE_Decimal128(10, 2)");
    }

    @Test
    void eachQuirkGetsANoteNamingTheLimitAndTheFix() {
        assertThat(note(new IntVector("i", allocator), v -> v.setNull(0))).isEqualTo("parameter 2 is null, which the "
                + "server binds as the text 'NULL', not SQL NULL: write NULL into the SQL instead of binding it");
        assertThat(note(new VarBinaryVector("b", allocator), v -> v.setSafe(0, new byte[] {1, 2})))
                .isEqualTo("parameter 2 is Arrow Binary, which the server binds as the text '[1, 2]' (the list of the "
                        + "bytes), not as the bytes: bind BLOB parameters as text (Utf8) in DuckDB's escaped form, "
                        + "such as '\\x01\\xFF' for the bytes 01 FF");
        assertThat(note(new DecimalVector("d", allocator, 10, 2), v -> v.setSafe(0, new BigDecimal("1.50"))))
                .isEqualTo("parameter 2 is Arrow Decimal128(10, 2), a type the server does not read: it binds the "
                        + "text 'UNSUPPORTED_TYPE_Decimal128(10, 2)' instead: bind DECIMAL parameters as text (Utf8), "
                        + "e.g. by writing CAST(? AS VARCHAR) in the SQL and sending the value as a string");
        assertThat(note(new DateMilliVector("d", allocator), v -> v.setSafe(0, 0L)))
                .contains("Arrow Date64").contains("bind DATE parameters as text (Utf8)");
        assertThat(note(new TimeMilliVector("t", allocator), v -> v.setSafe(0, 0)))
                .contains("Arrow Time32(Millisecond)").contains("bind TIME parameters as text (Utf8)");
        assertThat(note(new LargeVarCharVector("l", allocator), v -> v.setSafe(0, new byte[] {'x'})))
                .contains("bind VARCHAR parameters as text (Utf8)");
        assertThat(note(new FixedSizeBinaryVector("f", allocator, 2), v -> v.setSafe(0, new byte[] {1, 2})))
                .contains("Arrow FixedSizeBinary(2)").contains("bind BLOB parameters as text (Utf8) in DuckDB's");
        // values the server binds as sent have no note, even a text that looks like the marker
        assertThat(note(new IntVector("i", allocator), v -> v.setSafe(0, 7))).isNull();
        assertThat(note(new VarCharVector("s", allocator), v -> v.setSafe(0,
                "UNSUPPORTED_TYPE_x".getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    @Test
    void aFailureIsExplainedByTheLimitsThatApply() {
        String duckDb = "Parameter index out of bounds";
        assertThat(new BoundParameters(List.of("1", "a", "2", "b"), 2, List.of()).explain(duckDb, 2))
                .isEqualTo("Parameter index out of bounds. The server binds one parameter row per execution, and 2 "
                        + "rows were bound (their 4 values were taken as one row): execute the statement once per row "
                        + "(with JDBC: executeQuery or executeUpdate per row, not addBatch and executeBatch)");
        assertThat(new BoundParameters(List.of("1", "a", "x"), 1, List.of()).explain(duckDb, 2))
                .isEqualTo("Parameter index out of bounds. 3 values were bound for 2 parameters: bind one column per "
                        + "parameter, in the order the parameters first appear in the SQL");
        assertThat(BoundParameters.NONE.explain("Values were not provided", 1))
                .isEqualTo("Values were not provided. 0 values were bound for 1 parameter: bind one column per "
                        + "parameter, in the order the parameters first appear in the SQL");
        assertThat(new BoundParameters(List.of("NULL"), 1, List.of("parameter 1 is null, …")).explain(
                "Conversion Error", 1)).isEqualTo("Conversion Error. Parameter 1 is null, …");
        // nothing to add when the binding is as the client meant it
        assertThat(new BoundParameters(List.of("1"), 1, List.of()).explain("Constraint Error", 1))
                .isEqualTo("Constraint Error");
    }

    private <V extends FieldVector> String note(V vector, Consumer<V> fill) {
        return ParameterTextReader.note(vector, 0, 2, text(vector, fill));
    }

    private <V extends FieldVector> String text(V vector, Consumer<V> fill) {
        vectors.add(vector);
        vector.allocateNew();
        fill.accept(vector);
        vector.setValueCount(1);
        return ParameterTextReader.text(vector, 0);
    }
}
