package ai.altertable.reactive.mock.internal.lakehouse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP Basic authentication exactly as the official mock checks it (protocol §2): the header must be ASCII, start with
 * {@code Basic } (capital B, one space), the trimmed rest must be standard base64 of UTF-8 text containing a {@code :};
 * the username is everything before the first {@code :}. The pair must equal a configured user.
 */
final class BasicAuth {

    private static final String PREFIX = "Basic ";

    private BasicAuth() {
    }

    /** The authenticated username, or {@code null} for any failure (missing, malformed, wrong password). */
    static String authenticate(String header, Map<String, String> users) {
        if (header == null || !header.startsWith(PREFIX) || !isAscii(header)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = text.substring(0, colon);
        String password = text.substring(colon + 1);
        String expected = users.get(user);
        if (expected == null) {
            return null;
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return same ? user : null;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
