package ai.altertable.reactive.mock.internal.encode;

/**
 * Binary values as the official mock writes them: arrow-json renders Arrow Binary as lowercase hex without a prefix.
 * DuckDB exports BLOB as Binary, and BIT as Binary too, holding DuckDB's internal bit-string bytes: a first byte with
 * the number of padding bits, then the bits, most significant first, with the padding bits (at the start) set to 1.
 * So {@code '101010'::BIT} is {@code 02ea}. Stateless and thread-safe.
 */
final class HexText {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexText() {
    }

    /** Writes {@code bytes} as lowercase hex into {@code out} (at least twice as long); returns the length. */
    static int blob(byte[] bytes, char[] out) {
        int pos = 0;
        for (byte b : bytes) {
            out[pos++] = DIGITS[(b >> 4) & 0xF];
            out[pos++] = DIGITS[b & 0xF];
        }
        return pos;
    }

    /** The hex of DuckDB's internal bytes for a bit string given as text of {@code 0} and {@code 1}. */
    static int bits(String bits, char[] out) {
        int padding = (8 - bits.length() % 8) % 8;
        int pos = 0;
        out[pos++] = DIGITS[padding >> 4];
        out[pos++] = DIGITS[padding & 0xF];
        int value = 0;
        int count = 0;
        for (int i = -padding; i < bits.length(); i++) {
            value = (value << 1) | (i < 0 || bits.charAt(i) == '1' ? 1 : 0);
            if (++count == 8) {
                out[pos++] = DIGITS[value >> 4];
                out[pos++] = DIGITS[value & 0xF];
                value = 0;
                count = 0;
            }
        }
        return pos;
    }

    /** Chars needed by {@link #bits} for a bit string of this many bits. */
    static int bitsLength(int bitCount) {
        return 2 + 2 * ((bitCount + 7) / 8);
    }
}
