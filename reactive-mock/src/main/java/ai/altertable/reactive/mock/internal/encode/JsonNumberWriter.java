package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Writes numbers exactly as they come out of the official mock's pipeline: arrow-json writes the cell's text (the
 * shortest decimal for floats, Arrow's decimal display for DECIMAL and HUGEINT), serde_json parses that text back
 * ({@link SerdeNumberParser}) and writes the result (integers as integers, doubles with ryu: {@link RyuLayout}).
 *
 * <p>Consequences worth knowing: FLOAT {@code 0.1} is {@code 0.1} (not {@code 0.10000000149011612}); DECIMAL
 * {@code 1.50} is {@code 1.5} and {@code 2.00} is {@code 2.0} while DECIMAL(p,0) stays an integer; HUGEINT is exact
 * within 64 bits and a double beyond; NaN and ±Infinity are {@code null}.
 *
 * <p>Not thread-safe: it owns scratch buffers; each {@link ResultEncoder} has one.
 */
final class JsonNumberWriter {

    /** DuckDB exports HUGEINT and UHUGEINT as Arrow Decimal128(38, 0). */
    private static final int HUGEINT_PRECISION = 38;
    private static final BigInteger TWO_POW_128 = BigInteger.ONE.shiftLeft(128);
    private static final int DECIMAL_FAST_PRECISION = 18;

    private final ShortestDecimal decimal = new ShortestDecimal();
    private final SerdeNumberParser parser = new SerdeNumberParser();
    private final char[] buffer = new char[Math.max(RyuLayout.MAX_LENGTH, 24)];
    private final StringBuilder text = new StringBuilder(48);

    /** A DOUBLE cell: shortest text, re-parsed by serde_json, written by ryu; NaN and infinities are {@code null}. */
    void writeDouble(double value, JsonGenerator g) throws IOException {
        if (!Double.isFinite(value)) {
            g.writeNull();
            return;
        }
        decimal.of(value);
        writeReparsed(value, g);
    }

    /** A FLOAT cell: its shortest {@code f32} text, re-parsed as an {@code f64}. */
    void writeFloat(float value, JsonGenerator g) throws IOException {
        if (!Float.isFinite(value)) {
            g.writeNull();
            return;
        }
        decimal.of(value);
        writeReparsed(Double.NaN, g);
    }

    /** An unsigned 64-bit integer (UBIGINT), exact. */
    void writeUnsigned(long value, JsonGenerator g) throws IOException {
        if (value >= 0) {
            g.writeNumber(value);
            return;
        }
        String digits = Long.toUnsignedString(value);
        digits.getChars(0, digits.length(), buffer, 0);
        g.writeNumber(buffer, 0, digits.length());
    }

    /** A DECIMAL cell: Arrow's decimal text, re-parsed. DECIMAL(p,0) within 64 bits stays an exact integer. */
    void writeDecimal(BigDecimal value, int precision, int scale, JsonGenerator g) throws IOException {
        BigInteger unscaled = (value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY))
                .unscaledValue();
        if (precision <= DECIMAL_FAST_PRECISION && scale >= 0) {
            long u = unscaled.longValue();
            if (scale == 0) {
                g.writeNumber(u);
            } else {
                writeFinite(SerdeNumberParser.fromParts(u >= 0, Math.abs(u), -scale), g);
            }
            return;
        }
        writeArrowDecimalText(unscaled.toString(), precision, scale, g);
    }

    /**
     * A HUGEINT or UHUGEINT cell, exported by DuckDB as Decimal128(38, 0): exact within 64 bits, otherwise a double.
     * Two export effects are reproduced: a UHUGEINT of 2^127 or more is reinterpreted as a negative 128-bit integer,
     * and Arrow's display keeps only the first 38 digits of a 39-digit value (so HUGEINT's maximum becomes
     * {@code 1.7014118346046923e37}).
     */
    void writeHugeint(BigInteger value, JsonGenerator g) throws IOException {
        BigInteger v = value.bitLength() >= 128 ? value.subtract(TWO_POW_128) : value;
        if (v.bitLength() < 64) {
            g.writeNumber(v.longValue());
            return;
        }
        writeArrowDecimalText(v.toString(), HUGEINT_PRECISION, 0, g);
    }

    /**
     * A number token of a JSON cell, re-parsed by serde_json's rules.
     *
     * @return {@code false} (and nothing written) if serde_json would reject it as out of range
     */
    boolean writeJsonNumber(CharSequence token, JsonGenerator g) throws IOException {
        if (parser.parse(token) == SerdeNumberParser.Kind.OUT_OF_RANGE) {
            return false;
        }
        writeParsed(g);
        return true;
    }

    /** Whether serde_json would accept this JSON number token (it rejects values that overflow a double). */
    boolean accepts(CharSequence token) {
        return parser.parse(token) != SerdeNumberParser.Kind.OUT_OF_RANGE;
    }

    /**
     * The current {@link #decimal}, as written by arrow-json, re-parsed by serde_json. {@code exact} is the double the
     * digits came from, when known, to skip recomputing digits when the re-parse gives it back.
     */
    private void writeReparsed(double exact, JsonGenerator g) throws IOException {
        if (decimal.length() == 0) {
            writeLayout(g);
            return;
        }
        int exponent = decimal.pointPosition() - decimal.length();
        double reparsed = SerdeNumberParser.fromParts(!decimal.negative(), decimal.significand(), exponent);
        if (Double.isNaN(reparsed)) {
            throw UnencodableValueException.reparsing("number out of range");
        }
        boolean sameDigits = reparsed == exact
                || (Double.isNaN(exact) && decimal.length() <= 15 && Math.abs(exponent) <= 22);
        if (sameDigits) {
            writeLayout(g);
        } else {
            writeFinite(reparsed, g);
        }
    }

    private void writeArrowDecimalText(String unscaled, int precision, int scale, JsonGenerator g)
            throws IOException {
        text.setLength(0);
        boolean negative = unscaled.startsWith("-");
        int signLength = negative ? 1 : 0;
        int restLength = unscaled.length() - signLength;
        String value = unscaled.substring(0, Math.min(precision, restLength) + signLength);
        if (scale == 0) {
            text.append(value);
        } else if (restLength > scale) {
            text.append(value, 0, value.length() - scale).append('.').append(value, value.length() - scale,
                    value.length());
        } else {
            text.append(negative ? "-0." : "0.");
            for (int i = restLength; i < scale; i++) {
                text.append('0');
            }
            text.append(unscaled, signLength, unscaled.length());
        }
        parser.parse(text);
        writeParsed(g);
    }

    private void writeParsed(JsonGenerator g) throws IOException {
        switch (parser.kind()) {
            case U64:
                writeUnsigned(parser.longValue(), g);
                break;
            case I64:
                g.writeNumber(parser.longValue());
                break;
            case F64:
                writeFinite(parser.doubleValue(), g);
                break;
            default:
                throw UnencodableValueException.reparsing("number out of range");
        }
    }

    /** serde_json's output of a finite double it holds. */
    private void writeFinite(double value, JsonGenerator g) throws IOException {
        decimal.of(value);
        writeLayout(g);
    }

    private void writeLayout(JsonGenerator g) throws IOException {
        int length = RyuLayout.write(decimal, buffer);
        g.writeNumber(buffer, 0, length);
    }
}
