package ai.altertable.reactive.mock.internal.lakehouse;

import java.util.UUID;

/**
 * UUID text as the official mock parses it (Rust {@code uuid::Uuid::parse_str}): 32 hex digits, the hyphenated
 * 8-4-4-4-12 form, or that form wrapped as {@code {…}} or {@code urn:uuid:…}; either case. {@link UUID#fromString}
 * is not used: it rejects the simple and wrapped forms and accepts short groups such as {@code 1-1-1-1-1}.
 */
final class Uuids {

    private static final String URN = "urn:uuid:";

    private Uuids() {
    }

    /** The UUID, or {@code null} if {@code text} is not one of the accepted forms. */
    static UUID parse(String text) {
        if (text == null) {
            return null;
        }
        switch (text.length()) {
            case 32: return hex(text);
            case 36: return hyphenated(text);
            case 38: return text.charAt(0) == '{' && text.charAt(37) == '}' ? hyphenated(text.substring(1, 37)) : null;
            case 45: return text.startsWith(URN) ? hyphenated(text.substring(URN.length())) : null;
            default: return null;
        }
    }

    private static UUID hyphenated(String s) {
        if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            return null;
        }
        return hex(s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23)
                + s.substring(24));
    }

    private static UUID hex(String s) {
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 32; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return null; // Character.digit also takes non-ASCII digits
            }
            if (i < 16) {
                msb = (msb << 4) | d;
            } else {
                lsb = (lsb << 4) | d;
            }
        }
        return new UUID(msb, lsb);
    }
}
