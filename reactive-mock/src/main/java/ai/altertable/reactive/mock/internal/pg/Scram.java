package ai.altertable.reactive.mock.internal.pg;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 and RFC 7677, as PostgreSQL uses it: the user name of the
 * client-first-message is ignored, no channel binding is offered). JDK crypto only. The salted password is derived
 * per exchange with a fresh salt (PBKDF2-HMAC-SHA-256), since the mock keeps plain passwords. Blocking (the random
 * source may read a device): runs on the database threads.
 */
final class Scram {

    static final String MECHANISM = "SCRAM-SHA-256";
    static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A SCRAM message that does not follow the RFC. */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message);
        }
    }

    private final String password;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private byte[] saltedPassword;

    /** @param password the user's password, or null for an unknown user (the exchange then always fails) */
    Scram(String password) {
        this.password = password;
    }

    /** The server-first-message for a client-first-message. */
    String serverFirst(String clientFirst) throws ProtocolException {
        int c1 = clientFirst.indexOf(',');
        int c2 = c1 < 0 ? -1 : clientFirst.indexOf(',', c1 + 1);
        if (c2 < 0) {
            throw new ProtocolException("malformed SCRAM message");
        }
        char flag = clientFirst.charAt(0);
        if (flag == 'p') {
            throw new ProtocolException("channel binding is not supported");
        }
        if (flag != 'n' && flag != 'y') {
            throw new ProtocolException("malformed SCRAM message");
        }
        gs2Header = clientFirst.substring(0, c2 + 1);
        clientFirstBare = clientFirst.substring(c2 + 1);
        String clientNonce = attribute(clientFirstBare, 'r');
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw new ProtocolException("malformed SCRAM message: no nonce");
        }
        byte[] salt = random(16);
        nonce = clientNonce + Base64.getEncoder().encodeToString(random(18));
        String pw = password != null ? password : Base64.getEncoder().encodeToString(random(18));
        saltedPassword = pbkdf2(pw, salt);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return serverFirst;
    }

    /**
     * The server-final-message for a client-final-message, or null when the proof does not match (wrong password).
     */
    String serverFinal(String clientFinal) throws ProtocolException {
        int p = clientFinal.lastIndexOf(",p=");
        if (p < 0 || serverFirst == null) {
            throw new ProtocolException("malformed SCRAM message");
        }
        String withoutProof = clientFinal.substring(0, p);
        String binding = attribute(withoutProof, 'c');
        String expected = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(binding)) {
            throw new ProtocolException("SCRAM channel binding check failed");
        }
        if (!nonce.equals(attribute(withoutProof, 'r'))) {
            throw new ProtocolException("SCRAM nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("malformed SCRAM proof");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = sha256(hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII)));
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return null;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (password == null || !MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            return null;
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    /** The value of {@code name=} among comma-separated attributes, or null. */
    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] pbkdf2(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
