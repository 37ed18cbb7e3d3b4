package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Doubles laid out as Rust's ryu does (serde_json's writer), and the arrow-json-then-serde round trip of cells. */
class JsonNumberWriterTest {

    private final JsonNumberWriter numbers = new JsonNumberWriter();

    @Test
    void ryuLayoutOfDoubles() throws IOException {
        assertThat(doubleText(1.0)).isEqualTo("1.0");
        assertThat(doubleText(-1.5)).isEqualTo("-1.5");
        assertThat(doubleText(123456789.0)).isEqualTo("123456789.0");
        assertThat(doubleText(1e15)).isEqualTo("1000000000000000.0");
        assertThat(doubleText(1e16)).isEqualTo("1e16");
        assertThat(doubleText(1e23)).isEqualTo("1e23");
        assertThat(doubleText(1.5e300)).isEqualTo("1.5e300");
        assertThat(doubleText(0.1)).isEqualTo("0.1");
        assertThat(doubleText(0.00001)).isEqualTo("0.00001");
        assertThat(doubleText(0.000012345)).isEqualTo("0.000012345");
        assertThat(doubleText(1e-6)).isEqualTo("1e-6");
        assertThat(doubleText(1.2345e-7)).isEqualTo("1.2345e-7");
        assertThat(doubleText(0.0)).isEqualTo("0.0");
        assertThat(doubleText(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void shortestDigitsEvenWhereJdk17DoubleToStringIsNot() throws IOException {
        assertThat(doubleText(2.82879384806159E17)).isEqualTo("2.82879384806159e17");
        // Java would say 4.9E-324 (two digits); ryu picks the single digit
        assertThat(doubleText(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void nonFiniteIsNull() throws IOException {
        assertThat(doubleText(Double.NaN)).isEqualTo("null");
        assertThat(doubleText(Double.NEGATIVE_INFINITY)).isEqualTo("null");
        assertThat(write(g -> numbers.writeFloat(Float.POSITIVE_INFINITY, g))).isEqualTo("null");
    }

    @Test
    void floatsAreTheirShortestTextReadAsDouble() throws IOException {
        assertThat(write(g -> numbers.writeFloat(0.1f, g))).isEqualTo("0.1");
        assertThat(write(g -> numbers.writeFloat(1e10f, g))).isEqualTo("10000000000.0");
    }

    @Test
    void decimalsAndHugeintsThroughArrowText() throws IOException {
        assertThat(write(g -> numbers.writeDecimal(new BigDecimal("1.50"), 5, 2, g))).isEqualTo("1.5");
        assertThat(write(g -> numbers.writeDecimal(new BigDecimal("-0.05"), 30, 2, g))).isEqualTo("-0.05");
        assertThat(write(g -> numbers.writeDecimal(new BigDecimal("18446744073709551615"), 30, 0, g)))
                .isEqualTo("18446744073709551615");
        assertThat(write(g -> numbers.writeHugeint(BigInteger.ONE.shiftLeft(64), g)))
                .isEqualTo("1.8446744073709552e19");
        assertThat(write(g -> numbers.writeUnsigned(-1L, g))).isEqualTo("18446744073709551615");
    }

    @Test
    void jsonNumberTokens() throws IOException {
        assertThat(write(g -> numbers.writeJsonNumber("1.0", g))).isEqualTo("1.0");
        assertThat(write(g -> numbers.writeJsonNumber("1E2", g))).isEqualTo("100.0");
        assertThat(write(g -> numbers.writeJsonNumber("-0", g))).isEqualTo("-0.0");
        assertThat(write(g -> numbers.writeJsonNumber("12345678901234567890123", g)))
                .isEqualTo("1.2345678901234568e22");
        assertThat(numbers.accepts("1e400")).isFalse();
    }

    private String doubleText(double value) throws IOException {
        return write(g -> numbers.writeDouble(value, g));
    }

    private static String write(Writing writing) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = RowJsonFactory.get().createGenerator(out)) {
            writing.write(g);
        }
        return out.toString();
    }

    @FunctionalInterface
    private interface Writing {
        void write(JsonGenerator g) throws IOException;
    }
}
