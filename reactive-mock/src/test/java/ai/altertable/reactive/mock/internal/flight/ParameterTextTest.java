package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
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

/** Protocol §9.2: how each Arrow value becomes parameter text. */
class ParameterTextTest {

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

    private <V extends FieldVector> String text(V vector, Consumer<V> fill) {
        vectors.add(vector);
        vector.allocateNew();
        fill.accept(vector);
        vector.setValueCount(1);
        return ParameterText.text(vector, 0);
    }
}
