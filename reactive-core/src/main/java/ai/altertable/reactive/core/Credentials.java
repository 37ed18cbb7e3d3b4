package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.Redaction;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Lakehouse credentials: HTTP Basic, either as a username and password or as a pre-encoded token.
 *
 * <p>Instances are immutable and safe to share. {@link #toString()} shows the kind and, for the username form, the
 * username, never a password or token. Secrets are also registered with the redaction used for error messages, so a
 * server echoing one back is masked.
 *
 * <p>To pick credentials up from the environment, use {@link #fromEnvironment()}; to let a secret rotate, wrap a
 * supplier in a {@link CredentialsProvider}.
 */
public final class Credentials {

    /** Username variable of the client spec. */
    public static final String ENV_USERNAME = "ALTERTABLE_LAKEHOUSE_USERNAME";
    /** Password variable of the client spec. */
    public static final String ENV_PASSWORD = "ALTERTABLE_LAKEHOUSE_PASSWORD";
    /** Pre-encoded Basic token variable of the client spec (with or without the {@code Basic } prefix). */
    public static final String ENV_BASIC_TOKEN = "ALTERTABLE_BASIC_AUTH_TOKEN";
    /** Legacy username variable, still read by most official SDKs. */
    public static final String ENV_LEGACY_USERNAME = "ALTERTABLE_USERNAME";
    /** Legacy password variable, still read by most official SDKs. */
    public static final String ENV_LEGACY_PASSWORD = "ALTERTABLE_PASSWORD";

    private static final String BASIC_PREFIX = "Basic ";

    private final String username;     // null for the token form
    private final String token;        // base64 of username:password, without prefix
    private final String source;
    private final String authorization; // BASIC_PREFIX + token, made once: every request sends it

    private Credentials(String username, String token, String source) {
        this.username = username;
        this.token = token;
        this.source = source;
        this.authorization = BASIC_PREFIX + token;
        Redaction.registerSecret(token);
    }

    /**
     * Credentials from a username and a password. The username must not contain {@code :} (Basic auth splits on the
     * first one); the password may.
     *
     * @throws ConfigurationException if either is null or empty, or the username contains {@code :}
     */
    public static Credentials basic(String username, String password) {
        return basic(username, password, "explicit username and password");
    }

    private static Credentials basic(String username, String password, String source) {
        if (username == null || username.isEmpty()) {
            throw new ConfigurationException("username is missing (" + source + ")");
        }
        if (username.indexOf(':') >= 0) {
            throw new ConfigurationException("username must not contain ':' (" + source + ")");
        }
        if (password == null || password.isEmpty()) {
            throw new ConfigurationException("password is missing for user '" + username + "' (" + source + ")");
        }
        Redaction.registerSecret(password);
        String token = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credentials(username, token, source);
    }

    /**
     * Credentials from a pre-encoded Basic token, {@code base64(username:password)}, with or without the {@code Basic }
     * prefix (any case, surrounding whitespace ignored).
     *
     * @throws ConfigurationException if the token is empty or not valid base64
     */
    public static Credentials token(String basicToken) {
        return token(basicToken, "explicit token");
    }

    private static Credentials token(String basicToken, String source) {
        if (basicToken == null || basicToken.isBlank()) {
            throw new ConfigurationException("basic auth token is missing (" + source + ")");
        }
        String t = basicToken.strip();
        if (t.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
            t = t.substring(BASIC_PREFIX.length()).strip();
        }
        Redaction.registerSecret(basicToken.strip());
        try {
            Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            // the cause's message could quote the offending character; keep it out
            throw new ConfigurationException("basic auth token is not valid base64 (" + source + ")");
        }
        if (t.isEmpty()) {
            throw new ConfigurationException("basic auth token is missing (" + source + ")");
        }
        return new Credentials(null, t, source);
    }

    /**
     * Credentials from the process environment.
     *
     * @throws ConfigurationException if no credentials can be resolved, or a variable pair is incomplete
     * @see #fromEnvironment(Map)
     */
    public static Credentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Credentials from the given environment. In order of precedence: {@value #ENV_USERNAME} with
     * {@value #ENV_PASSWORD}; {@value #ENV_BASIC_TOKEN}; the legacy {@value #ENV_LEGACY_USERNAME} with
     * {@value #ENV_LEGACY_PASSWORD}. Empty values count as unset.
     *
     * @throws ConfigurationException if no credentials can be resolved, or one variable of a pair is set without the
     *                                other; the message names variables, never values
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Credentials c = pair(env, ENV_USERNAME, ENV_PASSWORD);
        if (c != null) {
            return c;
        }
        String token = value(env, ENV_BASIC_TOKEN);
        if (token != null) {
            return token(token, "environment " + ENV_BASIC_TOKEN);
        }
        c = pair(env, ENV_LEGACY_USERNAME, ENV_LEGACY_PASSWORD);
        if (c != null) {
            return c;
        }
        throw new ConfigurationException("no Altertable credentials: set " + ENV_USERNAME + " and " + ENV_PASSWORD
                + " (or " + ENV_BASIC_TOKEN + "), or pass credentials explicitly");
    }

    /**
     * Whether the environment names any credentials (complete or not); a cheap check that does not throw.
     */
    public static boolean presentIn(Map<String, String> env) {
        return value(env, ENV_USERNAME) != null || value(env, ENV_PASSWORD) != null
                || value(env, ENV_BASIC_TOKEN) != null || value(env, ENV_LEGACY_USERNAME) != null
                || value(env, ENV_LEGACY_PASSWORD) != null;
    }

    private static Credentials pair(Map<String, String> env, String userVar, String passwordVar) {
        String user = value(env, userVar);
        String password = value(env, passwordVar);
        if (user == null && password == null) {
            return null;
        }
        if (user == null || password == null) {
            throw new ConfigurationException((user == null ? userVar : passwordVar) + " is not set but "
                    + (user == null ? passwordVar : userVar) + " is");
        }
        return basic(user, password, "environment " + userVar);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The value of the {@code Authorization} header: {@code Basic <base64>}. Treat it as a secret. */
    public String authorizationHeader() {
        return authorization;
    }

    /** The encoded token without the {@code Basic } prefix. Treat it as a secret. */
    public String basicToken() {
        return token;
    }

    /** The username, or {@code null} when built from a token (the token is not decoded for display). */
    public String username() {
        return username;
    }

    /** Where these credentials came from, for diagnostics (for example "environment ALTERTABLE_LAKEHOUSE_USERNAME"). */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials && ((Credentials) o).token.equals(token);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    @Override
    public String toString() {
        return username != null
                ? "Credentials[basic, username=" + username + ", password=" + Redaction.MASK + ", from " + source + "]"
                : "Credentials[token=" + Redaction.MASK + ", from " + source + "]";
    }
}
