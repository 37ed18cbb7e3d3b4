package ai.altertable.reactive.mock.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The rules that keep a mock from becoming an open server: whether an address is loopback, the passwords anyone could
 * guess (refused on a mock bound beyond loopback), and the random password of a default user.
 */
public final class Exposure {

    /**
     * Passwords that appear in this project's documentation and defaults, or in the official mock's; with the empty
     * password and a password equal to the user name, refused on a mock reachable from other machines.
     */
    static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("altertable-mock", "altertable", "password", "secret",
            "pw", "admin", "test", "changeme");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Exposure() {
    }

    /** Whether {@code host} is a loopback address or a name that resolves to one ({@code localhost}). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the bind fails anyway; never treat an unknown name as safe
        }
    }

    /** Whether {@code password} is one anybody could guess for {@code username}. */
    public static boolean isWellKnown(String username, String password) {
        return password.isEmpty() || password.equals(username) || WELL_KNOWN_PASSWORDS.contains(password);
    }

    /**
     * Fails when the mock would listen beyond loopback with a well-known password. The message names the user, never
     * the password.
     *
     * @throws IllegalStateException for the first such user
     */
    public static void refuseWellKnownPasswords(String host, Map<String, String> users) {
        if (isLoopback(host)) {
            return;
        }
        users.forEach((user, password) -> {
            if (isWellKnown(user, password)) {
                throw new IllegalStateException("refusing to listen on " + host + ", beyond loopback, with a "
                        + "well-known password for user '" + user + "': anybody on the network could use this mock. "
                        + "Give that user a password of your own, or bind 127.0.0.1 (the default)");
            }
        });
    }

    /** A random password: 128 bits, URL-safe Base64 without padding (22 characters). */
    public static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
