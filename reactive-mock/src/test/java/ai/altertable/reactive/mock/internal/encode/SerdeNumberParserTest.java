package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.encode.SerdeNumberParser.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** serde_json 1.0.145's number parsing, default features: integers when they fit 64 bits, its own float rounding. */
class SerdeNumberParserTest {

    private final SerdeNumberParser parser = new SerdeNumberParser();

    @Test
    void integersStayIntegersWithin64Bits() {
        assertThat(parser.parse("0")).isEqualTo(Kind.U64);
        assertThat(parser.parse("18446744073709551615")).isEqualTo(Kind.U64);
        assertThat(Long.toUnsignedString(parser.longValue())).isEqualTo("18446744073709551615");
        assertThat(parser.parse("-9223372036854775808")).isEqualTo(Kind.I64);
        assertThat(parser.longValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void integersBeyond64BitsAndMinusZeroBecomeDoubles() {
        assertThat(parser.parse("18446744073709551616")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(1.8446744073709552e19);
        assertThat(parser.parse("-9223372036854775809")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(-9.223372036854776e18);
        assertThat(parser.parse("-0")).isEqualTo(Kind.F64);
        assertThat(Double.doubleToRawLongBits(parser.doubleValue())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void fractionsAndExponents() {
        assertThat(parser.parse("1.50")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(1.5);
        assertThat(parser.parse("1e2")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(100.0);
        assertThat(parser.parse("-1.5E+2")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(-150.0);
        assertThat(parser.parse("1e-400")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(0.0);
        assertThat(parser.parse("0e99999999999")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(0.0);
    }

    @Test
    void overflowIsAnError() {
        assertThat(parser.parse("1e400")).isEqualTo(Kind.OUT_OF_RANGE);
        assertThat(parser.parse("-1e99999999999")).isEqualTo(Kind.OUT_OF_RANGE);
        assertThat(parser.parse("1.8e308")).isEqualTo(Kind.OUT_OF_RANGE);
    }

    @Test
    void roundsLikeSerdeNotCorrectly() {
        // 2^53 + 1 is a tie: a correct parse rounds to even (2^53), serde_json's significand-times-power does not
        assertThat(Double.parseDouble("9007199254740993.0")).isEqualTo(9.007199254740992e15);
        assertThat(parser.parse("9007199254740993.0")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(9.007199254740994e15);
    }

    @Test
    void digitsBeyondTheSignificandAreDroppedButWeighted() {
        assertThat(parser.parse("123456789012345678901234567890")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(1.2345678901234568e29);
        assertThat(parser.parse("0.123456789012345678901234567890")).isEqualTo(Kind.F64);
        assertThat(parser.doubleValue()).isEqualTo(0.12345678901234568);
    }
}
