package ai.altertable.reactive.mock.internal.encode;

/**
 * Lays out a shortest decimal the way Rust's ryu 1.0 ({@code Buffer::format_finite}) does, which is how serde_json
 * writes every {@code f64}:
 * <ul>
 *   <li>{@code 0.0} and {@code -0.0} for zeros;</li>
 *   <li>plain with a {@code .0} when the value is an integer below 10^16: {@code 1.0}, {@code 12340000000.0},
 *       {@code 1000000000000000.0};</li>
 *   <li>plain with a point inside for {@code 1 <= |v| < 10^16}: {@code 1.5}, {@code 12.34};</li>
 *   <li>plain with leading zeros for {@code 10^-5 <= |v| < 1}: {@code 0.1}, {@code 0.00001};</li>
 *   <li>otherwise scientific, without a {@code +} and without {@code .0}: {@code 1e16}, {@code 1e-7},
 *       {@code 1.7014118346046923e38}, {@code 5e-324}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class RyuLayout {

    /** Longest output: sign, 17 digits, point, {@code e-324}. */
    static final int MAX_LENGTH = 32;

    private RyuLayout() {
    }

    /**
     * Writes {@code decimal} into {@code out} from index 0 and returns the length.
     *
     * @param out at least {@link #MAX_LENGTH} chars
     */
    static int write(ShortestDecimal decimal, char[] out) {
        int pos = 0;
        if (decimal.negative()) {
            out[pos++] = '-';
        }
        int length = decimal.length();
        if (length == 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            out[pos++] = '0';
            return pos;
        }
        char[] digits = decimal.digits();
        int kk = decimal.pointPosition();
        int k = kk - length;
        if (k >= 0 && kk <= 16) {
            pos = copy(digits, 0, length, out, pos);
            for (int i = 0; i < k; i++) {
                out[pos++] = '0';
            }
            out[pos++] = '.';
            out[pos++] = '0';
        } else if (kk > 0 && kk <= 16) {
            pos = copy(digits, 0, kk, out, pos);
            out[pos++] = '.';
            pos = copy(digits, kk, length, out, pos);
        } else if (kk > -5 && kk <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int i = kk; i < 0; i++) {
                out[pos++] = '0';
            }
            pos = copy(digits, 0, length, out, pos);
        } else {
            pos = scientific(digits, length, kk, out, pos);
        }
        return pos;
    }

    /** {@code d[.ddd]e<exp>}: one digit before the point, no point for a single digit, no {@code +}. */
    private static int scientific(char[] digits, int length, int kk, char[] out, int pos) {
        out[pos++] = digits[0];
        if (length > 1) {
            out[pos++] = '.';
            pos = copy(digits, 1, length, out, pos);
        }
        out[pos++] = 'e';
        String exponent = Integer.toString(kk - 1);
        exponent.getChars(0, exponent.length(), out, pos);
        return pos + exponent.length();
    }

    private static int copy(char[] digits, int from, int to, char[] out, int pos) {
        int n = to - from;
        System.arraycopy(digits, from, out, pos, n);
        return pos + n;
    }
}
