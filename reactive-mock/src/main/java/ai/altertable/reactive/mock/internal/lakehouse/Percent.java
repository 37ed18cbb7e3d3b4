package ai.altertable.reactive.mock.internal.lakehouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as the official mock's libraries do it ({@code form_urlencoded}, {@code percent_encoding}): a
 * {@code %} not followed by two hex digits is kept as it is rather than being an error, and the bytes are read as
 * UTF-8 with malformed sequences replaced by U+FFFD. In query strings {@code +} is a space; in paths it is not.
 */
final class Percent {

    private Percent() {
    }

    /** A query-string name or value. */
    static String decodeQueryComponent(String s) {
        return decode(s, true);
    }

    /** A path segment. */
    static String decodePathSegment(String s) {
        return decode(s, false);
    }

    private static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (b == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
