package ai.altertable.reactive.core.row.internal;

/**
 * Hexadecimal text for binary values, as the lakehouse sends BLOB cells: lower-case on output, either case on input,
 * no prefix. Stateless.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lower-case hex of {@code bytes}. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Decodes hex text of even length, upper or lower case.
     *
     * @throws ConversionFailure if the text has odd length or a character that is not a hex digit
     */
    public static byte[] decode(String text) {
        int length = text.length();
        if ((length & 1) != 0) {
            throw new ConversionFailure("hex text has an odd number of digits (" + length + ")");
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int high = digit(text.charAt(2 * i));
            int low = digit(text.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                throw new ConversionFailure("not hex text (character at " + (high < 0 ? 2 * i : 2 * i + 1) + ")");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /** The value of an ASCII hex digit, or -1 (other Unicode digits are not accepted). */
    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
