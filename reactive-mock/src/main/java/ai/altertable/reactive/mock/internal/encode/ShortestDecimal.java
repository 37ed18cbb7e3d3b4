package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal that reads back as a given {@code double} or {@code float}: its significant digits (no leading
 * or trailing zeros) and its decimal exponent, so that the value is {@code 0.d1d2…dn × 10^pointPosition}.
 *
 * <p>This is what Rust's ryu (used by serde_json) and lexical (used by arrow-json for floats) compute. The digits come
 * from Jackson's Schubfach implementation, through its exported {@code NumberOutput} (the same algorithm as
 * {@code Double.toString} since JDK 19; the JDK 17 {@code Double.toString} is not always shortest, e.g.
 * {@code 2.82879384806159008E17}). One difference is corrected:
 * when a single digit would do, Java picks the closest <em>two</em>-digit decimal ({@code 4.9E-324}) where ryu picks
 * the single digit ({@code 5e-324}); this only happens for subnormal values.
 *
 * <p>Not thread-safe: an instance is a reusable buffer owned by one encoder.
 */
final class ShortestDecimal {

    private static final double DOUBLE_ONE_DIGIT_LIMIT = 1e-300;
    private static final float FLOAT_ONE_DIGIT_LIMIT = 1e-35f;

    private final char[] digits = new char[24];
    private int length;
    private int pointPosition;
    private boolean negative;

    /** Significant digits {@code [0, length())}. */
    char[] digits() {
        return digits;
    }

    /** How many significant digits; 0 for a zero value. */
    int length() {
        return length;
    }

    /** The decimal exponent {@code kk} of ryu: {@code 10^(kk-1) <= |value| < 10^kk}. */
    int pointPosition() {
        return pointPosition;
    }

    boolean negative() {
        return negative;
    }

    /** The significant digits as an unsigned integer (at most 17 digits, so it fits). */
    long significand() {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value * 10 + (digits[i] - '0');
        }
        return value;
    }

    /** Sets this to the shortest decimal of a finite {@code double}. */
    ShortestDecimal of(double value) {
        read(NumberOutput.toString(value, true)); // true: Schubfach
        if (length == 2 && Math.abs(value) < DOUBLE_ONE_DIGIT_LIMIT) {
            BigDecimal oneDigit = new BigDecimal(value).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == value) {
                read(oneDigit.toString());
            }
        }
        return this;
    }

    /** Sets this to the shortest decimal of a finite {@code float}. */
    ShortestDecimal of(float value) {
        read(NumberOutput.toString(value, true)); // true: Schubfach
        if (length == 2 && Math.abs(value) < FLOAT_ONE_DIGIT_LIMIT) {
            BigDecimal oneDigit = new BigDecimal(value).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(oneDigit.toString()) == value) {
                read(oneDigit.toString());
            }
        }
        return this;
    }

    /** Reads Java's rendering ({@code -12.5}, {@code 0.001}, {@code 1.0E-7}, {@code 4E-324}) into digits and point. */
    private void read(String text) {
        int i = 0;
        negative = text.charAt(0) == '-';
        if (negative) {
            i++;
        }
        length = 0;
        int integerDigits = 0;
        int leadingFractionZeros = 0;
        boolean fraction = false;
        int exponent = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (c == 'E' || c == 'e') {
                exponent = Integer.parseInt(text, i + 1, text.length(), 10);
                break;
            } else if (length == 0 && c == '0') {
                leadingFractionZeros += fraction ? 1 : 0;
            } else {
                digits[length++] = c;
                integerDigits += fraction ? 0 : 1;
            }
        }
        while (length > 0 && digits[length - 1] == '0') {
            length--;
        }
        pointPosition = integerDigits - leadingFractionZeros + exponent;
    }
}
