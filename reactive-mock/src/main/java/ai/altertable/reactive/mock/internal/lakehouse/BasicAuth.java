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
 * the username is everything before the first {@code :}. The pair must equal a configured user. The base64 must be
 * canonical (padded, no stray bits) and the header visible ASCII, as the official mock's decoders require.
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
        byte[] decoded = decodeCanonical(header.substring(PREFIX.length()).strip());
        if (decoded == null) {
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

    /**
     * Standard base64 <em>with</em> padding, as the official mock's decoder (Rust {@code base64} STANDARD) takes it:
     * Java's decoder also accepts a token without its {@code =} padding and ignores non-zero trailing bits, so a token
     * is accepted only if it is exactly the encoding of what it decodes to. {@code null} if it is not.
     */
    private static byte[] decodeCanonical(String token) {
        try {
            byte[] decoded = Base64.getDecoder().decode(token);
            return Base64.getEncoder().encodeToString(decoded).equals(token) ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Visible ASCII, space and tab only: what a header value must be to be read as text. */
    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c >= 0x7f)) {
                return false;
            }
        }
        return true;
    }
}
