package ai.altertable.reactive.mock.internal.encode;

/**
 * Reads a JSON number the way the official mock's JSON library reads it (serde_json 1.0.145 with default features, so
 * without {@code arbitrary_precision} and without {@code float_roundtrip}), because the mock re-parses every encoded
 * cell with it and the result is what reaches the client.
 *
 * <p>The rules reproduced here, which differ from a correctly rounded parse:
 * <ul>
 *   <li>An integer without fraction or exponent stays an integer if it fits: non-negative up to 2^64−1 ({@link
 *       Kind#U64}), negative down to −2^63 ({@link Kind#I64}). {@code -0} and anything larger become a double.</li>
 *   <li>Otherwise the digits are accumulated into an unsigned 64-bit significand; digits that would overflow it are
 *       dropped (each dropped integer digit adds one to the decimal exponent), and the value is computed as
 *       {@code (double) significand * 10^exp} or {@code / 10^-exp} with a table of powers of ten, which can be one ulp
 *       away from the correctly rounded value for long mantissas or large exponents.</li>
 *   <li>A result that overflows to infinity is an error ({@link Kind#OUT_OF_RANGE}); tiny values underflow to
 * zero.</li>
 * </ul>
 *
 * <p>The input must already be valid JSON number syntax ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}).
 * Not thread-safe: it holds the last result; an encoder owns one instance.
 */
final class SerdeNumberParser {

    /** What the last {@link #parse(CharSequence)} produced. */
    enum Kind {
        /** {@link #longValue()} holds an unsigned 64-bit integer. */
        U64,
        /** {@link #longValue()} holds a negative 64-bit integer. */
        I64,
        /** {@link #doubleValue()} holds the value. */
        F64,
        /** serde_json would fail with "number out of range". */
        OUT_OF_RANGE
    }

    private static final long U64_MAX_DIV_10 = 1844674407370955161L;
    private static final int U64_MAX_MOD_10 = 5;
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    private Kind kind;
    private long longValue;
    private double doubleValue;

    Kind kind() {
        return kind;
    }

    long longValue() {
        return longValue;
    }

    double doubleValue() {
        return doubleValue;
    }

    /** Parses {@code text}, a valid JSON number, and returns the resulting {@link #kind()}. */
    Kind parse(CharSequence text) {
        int end = text.length();
        boolean positive = text.charAt(0) != '-';
        int i = positive ? 0 : 1;
        long significand = 0;
        int exponent = 0;
        boolean fraction = false;
        boolean overflowed = false;
        while (i < end && isDigit(text.charAt(i))) {
            int digit = text.charAt(i++) - '0';
            overflowed = overflowed || overflows(significand, digit);
            if (overflowed) {
                exponent++; // serde_json drops the digit but keeps its weight
            } else {
                significand = significand * 10 + digit;
            }
        }
        if (i < end && text.charAt(i) == '.') {
            fraction = true;
            i++;
            // serde_json starts over here: a fraction digit may still fit after an integer digit overflowed
            overflowed = false;
            while (i < end && isDigit(text.charAt(i))) {
                int digit = text.charAt(i++) - '0';
                overflowed = overflowed || overflows(significand, digit);
                if (!overflowed) {
                    significand = significand * 10 + digit;
                    exponent--;
                }
            }
        }
        if (i < end) {
            return floatWithExponent(text, i + 1, positive, significand, exponent);
        }
        if (!fraction && !overflowed) {
            return integer(positive, significand);
        }
        return finish(fromParts(positive, significand, exponent));
    }

    private Kind integer(boolean positive, long significand) {
        if (positive) {
            longValue = significand;
            return kind = Kind.U64;
        }
        long negated = -significand;
        if (negated >= 0) {
            // -0, or a magnitude above 2^63: serde_json turns it into a float
            return finish(-unsignedToDouble(significand));
        }
        longValue = negated;
        return kind = Kind.I64;
    }

    private Kind floatWithExponent(CharSequence text, int start, boolean positive, long significand, int exponent) {
        int i = start;
        boolean positiveExp = true;
        char sign = text.charAt(i);
        if (sign == '+' || sign == '-') {
            positiveExp = sign == '+';
            i++;
        }
        int exp = 0;
        for (; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (exp >= Integer.MAX_VALUE / 10 && (exp > Integer.MAX_VALUE / 10 || digit > Integer.MAX_VALUE % 10)) {
                if (significand != 0 && positiveExp) {
                    return kind = Kind.OUT_OF_RANGE;
                }
                return finish(positive ? 0.0 : -0.0);
            }
            exp = exp * 10 + digit;
        }
        long total = positiveExp ? (long) exponent + exp : (long) exponent - exp;
        int saturated = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, total));
        return finish(fromParts(positive, significand, saturated));
    }

    private Kind finish(double value) {
        if (Double.isNaN(value)) {
            return kind = Kind.OUT_OF_RANGE;
        }
        doubleValue = value;
        return kind = Kind.F64;
    }

    /**
     * serde_json's {@code f64_from_parts}: {@code significand} (unsigned) times ten to {@code exponent}, with its
     * rounding steps. Returns {@code NaN} where serde_json reports "number out of range".
     */
    static double fromParts(boolean positive, long significand, int exponent) {
        double f = unsignedToDouble(significand);
        int exp = exponent;
        while (true) {
            int abs = Math.abs(exp);
            if (abs >= 0 && abs < POW10.length) {
                if (exp >= 0) {
                    f *= POW10[abs];
                    if (Double.isInfinite(f)) {
                        return Double.NaN;
                    }
                } else {
                    f /= POW10[abs];
                }
                break;
            }
            if (f == 0.0) {
                break;
            }
            if (exp >= 0) {
                return Double.NaN;
            }
            f /= 1e308;
            exp += 308;
        }
        return positive ? f : -f;
    }

    /** Rust's {@code u64 as f64}: round to nearest, ties to even. */
    static double unsignedToDouble(long value) {
        if (value >= 0) {
            return value;
        }
        return ((double) ((value >>> 1) | (value & 1))) * 2.0;
    }

    private static boolean overflows(long significand, int digit) {
        return Long.compareUnsigned(significand, U64_MAX_DIV_10) >= 0
                && (Long.compareUnsigned(significand, U64_MAX_DIV_10) > 0 || digit > U64_MAX_MOD_10);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
