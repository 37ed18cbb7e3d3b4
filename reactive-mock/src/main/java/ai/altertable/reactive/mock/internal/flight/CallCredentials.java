package ai.altertable.reactive.mock.internal.flight;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The credentials of one Flight call, read from its {@code authorization} header exactly as the official mock reads
 * them (protocol §2): {@code Basic <base64>} or {@code Bearer <base64>}, the same payload
 * {@code username:password[:session_id]} in both, standard base64 (padded or not) of UTF-8 text, split on {@code :}
 * into at most three parts. A "bearer token" is therefore not opaque: it is the base64 of all three parts, and it
 * contains the password, so neither this class nor its {@link #token()} is ever logged ({@link #toString()} hides
 * them).
 *
 * @param username  the user
 * @param password  the user's password
 * @param sessionId the third part, or {@code null} when the client sent two parts
 */
record CallCredentials(String username, String password, String sessionId) {

    static final String MISSING = "Missing authorization header";
    static final String NOT_BEARER = "Authorization header must use Bearer scheme";
    static final String INVALID_TOKEN = "Invalid token";
    static final String BAD_ENCODING = "Invalid authorization header encoding";
    static final String BAD_FORMAT = "Invalid authorization header format";

    private static final String BASIC = "Basic";
    private static final String BEARER = "Bearer";

    CallCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Authenticates a call by its first {@code authorization} value.
     *
     * <p>The official mock tries Basic and then Bearer, and reports the error of the Bearer attempt; so a Basic header
     * that fails in any way (wrong password, bad base64, no colon) is answered "must use Bearer scheme", never
     * "Invalid token". The schemes are matched case-sensitively as prefixes and the rest is trimmed.
     *
     * @param header the header value, or {@code null} when absent
     * @param users  username to password
     * @return the authenticated credentials
     * @throws org.apache.arrow.flight.FlightRuntimeException {@code UNAUTHENTICATED} with the §2.3 message
     */
    static CallCredentials authenticate(String header, Map<String, String> users) {
        if (header == null) {
            throw FlightStatus.unauthenticated(MISSING);
        }
        if (header.startsWith(BASIC)) {
            CallCredentials basic = decodeOrNull(header.substring(BASIC.length()));
            if (basic != null && basic.matches(users)) {
                return basic;
            }
            throw FlightStatus.unauthenticated(NOT_BEARER);
        }
        if (!header.startsWith(BEARER)) {
            throw FlightStatus.unauthenticated(NOT_BEARER);
        }
        String text = decodeText(header.substring(BEARER.length()));
        if (text == null) {
            throw FlightStatus.unauthenticated(BAD_ENCODING);
        }
        CallCredentials bearer = split(text);
        if (bearer == null) {
            throw FlightStatus.unauthenticated(BAD_FORMAT);
        }
        if (!bearer.matches(users)) {
            throw FlightStatus.unauthenticated(INVALID_TOKEN);
        }
        return bearer;
    }

    /** These credentials with a session id. */
    CallCredentials withSession(String id) {
        return new CallCredentials(username, password, Objects.requireNonNull(id, "id"));
    }

    /** The bearer token: padded standard base64 of {@code username:password:session_id}. Requires a session id. */
    String token() {
        Objects.requireNonNull(sessionId, "sessionId");
        String payload = username + ':' + password + ':' + sessionId;
        return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private boolean matches(Map<String, String> users) {
        String expected = users.get(username);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    private static CallCredentials decodeOrNull(String encoded) {
        String text = decodeText(encoded);
        return text == null ? null : split(text);
    }

    /** Standard-alphabet base64 (padding optional) of strict UTF-8, or null. */
    private static String decodeText(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@code user:password[:session]}, everything after the second colon being the session id; null without a colon. */
    private static CallCredentials split(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            return null;
        }
        return new CallCredentials(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return "CallCredentials[username=" + username + ", session=" + (sessionId != null) + "]";
    }
}
